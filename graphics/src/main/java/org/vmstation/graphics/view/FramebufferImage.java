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
    private int scale = 1;

    /**
     * Brings the image up to date. Returns the image (new if the size changed, null for a 0x0 screen) and false
     * in {@code complete[0]} when the framebuffer changed size mid-copy so another refresh is needed.
     */
    WritableImage refresh(Framebuffer fb, boolean[] complete) {
        return refresh(fb, complete, 1);
    }

    /** As {@link #refresh(Framebuffer, boolean[])} with every guest pixel drawn as {@code newScale}² image pixels. */
    WritableImage refresh(Framebuffer fb, boolean[] complete, int newScale) {
        complete[0] = true;
        long fbGeneration = fb.generation();
        int w = fb.width();
        int h = fb.height();
        if (fbGeneration != generation || image == null || newScale != scale) {
            if (w == 0 || h == 0) {
                image = null;
                pixelBuffer = null;
                generation = fbGeneration;
                return null;
            }
            scale = newScale;
            pixels = ByteBuffer.allocateDirect(w * h * 4 * scale * scale).order(ByteOrder.nativeOrder()).asIntBuffer();
            pixelBuffer = new PixelBuffer<>(w * scale, h * scale, pixels, PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixelBuffer);
            generation = fbGeneration;
            width = w;
            fb.takeDamage();
            if (!fb.copyTo(pixels, w * scale, new DamageRect(0, 0, w, h), fbGeneration, scale)) complete[0] = false;
            pixelBuffer.updateBuffer(pb -> null);
            return image;
        }
        DamageRect damage = fb.takeDamage();
        if (damage == null) return image;
        boolean[] copied = {true};
        pixelBuffer.updateBuffer(pb -> {
            copied[0] = fb.copyTo(pixels, width * scale, damage, generation, scale);
            if (!copied[0]) return Rectangle2D.EMPTY;
            DamageRect c = damage.clip(pb.getWidth() / scale, pb.getHeight() / scale);
            return new Rectangle2D(c.x() * scale, c.y() * scale, c.width() * scale, c.height() * scale);
        });
        complete[0] = copied[0];
        return image;
    }

    WritableImage image() {
        return image;
    }
}
