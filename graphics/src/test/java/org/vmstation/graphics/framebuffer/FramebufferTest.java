package org.vmstation.graphics.framebuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FramebufferTest {

    @TempDir
    Path dir;

    @Test
    void damageIsTheUnionOfChangesSinceLastTake() {
        Framebuffer fb = new Framebuffer(100, 50);
        assertThat(fb.takeDamage()).isEqualTo(new DamageRect(0, 0, 100, 50));
        assertThat(fb.takeDamage()).isNull();
        fb.fillRect(10, 10, 5, 5, 0x123456);
        fb.fillRect(40, 2, 1, 1, 0x123456);
        assertThat(fb.takeDamage()).isEqualTo(new DamageRect(10, 2, 31, 13));
        assertThat(fb.snapshot().pixel(10, 10)).isEqualTo(0xFF123456);
    }

    @Test
    void copyRectHandlesOverlapLikeMemmove() {
        Framebuffer fb = new Framebuffer(4, 4);
        int[] column = {1, 2, 3, 4};
        fb.putPixels(0, 0, 1, 4, column, 0, 1);
        fb.copyRect(0, 0, 0, 1, 1, 3);
        FramebufferSnapshot shot = fb.snapshot();
        assertThat(new int[] {shot.pixel(0, 0), shot.pixel(0, 1), shot.pixel(0, 2), shot.pixel(0, 3)})
                .containsExactly(0xFF000001, 0xFF000001, 0xFF000002, 0xFF000003);
    }

    @Test
    void resizeKeepsOverlapAndBumpsGeneration() {
        Framebuffer fb = new Framebuffer(2, 2);
        fb.fillRect(0, 0, 2, 2, 0xFFFFFF);
        long gen = fb.generation();
        fb.resize(3, 1);
        assertThat(fb.generation()).isEqualTo(gen + 1);
        assertThat(fb.snapshot().argb()).containsExactly(0xFFFFFFFF, 0xFFFFFFFF, 0xFF000000);
        IntBuffer stale = IntBuffer.allocate(4);
        assertThat(fb.copyTo(stale, 2, new DamageRect(0, 0, 2, 2), gen)).isFalse();
    }

    @Test
    void scaledCopyEnlargesEachPixelOfTheDamagedRectangle() {
        Framebuffer fb = new Framebuffer(3, 2);
        fb.putPixels(0, 0, 3, 2, new int[] {1, 2, 3, 4, 5, 6}, 0, 3);
        IntBuffer dst = IntBuffer.allocate(6 * 4);
        assertThat(fb.copyTo(dst, 6, new DamageRect(1, 0, 2, 2), fb.generation(), 2)).isTrue();
        int o = 0xFF000000;
        assertThat(dst.array()).containsExactly(
                0, 0, o | 2, o | 2, o | 3, o | 3,
                0, 0, o | 2, o | 2, o | 3, o | 3,
                0, 0, o | 5, o | 5, o | 6, o | 6,
                0, 0, o | 5, o | 5, o | 6, o | 6);
        assertThat(fb.copyTo(dst, 3, new DamageRect(0, 0, 3, 2), fb.generation(), 2)).as("row width must be 3*2").isFalse();
    }

    @Test
    void outOfBoundsWritesAreRefused() {
        Framebuffer fb = new Framebuffer(10, 10);
        assertThatThrownBy(() -> fb.fillRect(5, 5, 6, 1, 0)).hasMessageContaining("exceeds framebuffer 10x10");
        assertThatThrownBy(() -> new Framebuffer(20000, 1)).hasMessageContaining("20000x1");
    }

    @Test
    void snapshotWritesAReadablePng() throws Exception {
        Framebuffer fb = new Framebuffer(8, 4);
        fb.fillRect(1, 1, 2, 2, 0xFF0000);
        Path png = dir.resolve("sub/shot.png");
        fb.snapshot().writePng(png);
        var image = ImageIO.read(Files.newInputStream(png));
        assertThat(image.getWidth()).isEqualTo(8);
        assertThat(image.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).isZero();
    }

    @Test
    void thumbnailsKeepAspectAndAverageColours() {
        Framebuffer fb = new Framebuffer(4, 2);
        fb.fillRect(0, 0, 2, 2, 0xFF0000);
        fb.fillRect(2, 0, 2, 2, 0x0000FF);
        FramebufferSnapshot thumb = fb.snapshot().scaledToFit(2, 2);
        assertThat(thumb.width()).isEqualTo(2);
        assertThat(thumb.height()).isEqualTo(1);
        assertThat(thumb.argb()).containsExactly(0xFFFF0000, 0xFF0000FF);
        FramebufferSnapshot half = new FramebufferSnapshot(2, 1, new int[] {0xFF000000, 0xFFFFFFFF}).scaledToFit(1, 1);
        assertThat(half.argb()).containsExactly(0xFF7F7F7F);
        assertThat(fb.snapshot().scaledToFit(100, 100).width()).as("never scales up").isEqualTo(4);
    }
}
