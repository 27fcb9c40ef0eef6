package org.vmstation.graphics.view;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.vmstation.graphics.framebuffer.DamageRect;
import org.vmstation.graphics.framebuffer.Framebuffer;

/**
 * The JavaFX image of a {@link Framebuffer}: a {@link PixelBuffer} over its own pixel copy, refreshed from the
 * framebuffer's damage only. FX thread only.
 */
final class FramebufferImage {

    private PixelBuffer<IntBuffer> pixelBuffer;
    private IntBuffer pixels;
    private WritableImage image;
    private long generation = -1;
    private int width;

    /**
     * Brings the image up to date. Returns the image (new if the size changed, null for a 0x0 screen) and false
     * in {@code complete[0]} when the framebuffer changed size mid-copy so another refresh is needed.
     */
    WritableImage refresh(Framebuffer fb, boolean[] complete) {
        complete[0] = true;
        long fbGeneration = fb.generation();
        int w = fb.width();
        int h = fb.height();
        if (fbGeneration != generation || image == null) {
            if (w == 0 || h == 0) {
                image = null;
                pixelBuffer = null;
                generation = fbGeneration;
                return null;
            }
            pixels = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            pixelBuffer = new PixelBuffer<>(w, h, pixels, PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixelBuffer);
            generation = fbGeneration;
            width = w;
            fb.takeDamage();
            if (!fb.copyTo(pixels, w, new DamageRect(0, 0, w, h), fbGeneration)) complete[0] = false;
            pixelBuffer.updateBuffer(pb -> null);
            return image;
        }
        DamageRect damage = fb.takeDamage();
        if (damage == null) return image;
        boolean[] copied = {true};
        pixelBuffer.updateBuffer(pb -> {
            copied[0] = fb.copyTo(pixels, width, damage, generation);
            if (!copied[0]) return Rectangle2D.EMPTY;
            DamageRect c = damage.clip(pb.getWidth(), pb.getHeight());
            return new Rectangle2D(c.x(), c.y(), c.width(), c.height());
        });
        complete[0] = copied[0];
        return image;
    }

    WritableImage image() {
        return image;
    }
}
