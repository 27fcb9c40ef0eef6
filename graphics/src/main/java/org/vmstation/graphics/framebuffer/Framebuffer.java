package org.vmstation.graphics.framebuffer;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;

/**
 * The client-side copy of the guest screen: opaque ARGB pixels plus the union of rectangles changed since the
 * renderer last took the damage. Decoders write on the connection's reader thread; the renderer copies damaged
 * pixels out on its own thread. Every access holds this object's monitor, so a copy never sees a half-resized buffer.
 */
public final class Framebuffer {
    private static final java.lang.invoke.VarHandle LITTLE_ENDIAN_INT =
            java.lang.invoke.MethodHandles.byteBufferViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Largest width or height accepted from a server, mirrors common VNC server limits. */
    public static final int MAX_DIMENSION = 16384;

    private int width;
    private int height;
    private int[] pixels;
    private DamageRect damage;
    /** Incremented on every resize so renderers know to rebuild their image. */
    private long generation;

    public Framebuffer(int width, int height) {
        checkSize(width, height);
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
        java.util.Arrays.fill(pixels, 0xFF000000);
        this.damage = new DamageRect(0, 0, width, height);
    }

    public static void checkSize(int width, int height) {
        if (width < 0 || height < 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("framebuffer size " + width + "x" + height
                    + " outside 0.." + MAX_DIMENSION);
        }
    }

    public synchronized int width() {
        return width;
    }

    public synchronized int height() {
        return height;
    }

    public synchronized long generation() {
        return generation;
    }

    /** Reallocates to a new size; old content is kept where it overlaps, the rest is black. */
    public synchronized void resize(int newWidth, int newHeight) {
        checkSize(newWidth, newHeight);
        if (newWidth == width && newHeight == height) return;
        int[] next = new int[newWidth * newHeight];
        java.util.Arrays.fill(next, 0xFF000000);
        int w = Math.min(width, newWidth);
        for (int row = 0; row < Math.min(height, newHeight); row++) {
            System.arraycopy(pixels, row * width, next, row * newWidth, w);
        }
        pixels = next;
        width = newWidth;
        height = newHeight;
        generation++;
        damage = new DamageRect(0, 0, newWidth, newHeight);
    }

    /** True when the rectangle lies completely inside the framebuffer. */
    public synchronized boolean contains(int x, int y, int w, int h) {
        return x >= 0 && y >= 0 && w >= 0 && h >= 0 && (long) x + w <= width && (long) y + h <= height;
    }

    /** Copies {@code w*h} pixels from {@code src} (row stride {@code srcStride}) to (x,y); forces alpha opaque. */
    public synchronized void putPixels(int x, int y, int w, int h, int[] src, int srcOffset, int srcStride) {
        requireInside(x, y, w, h);
        for (int row = 0; row < h; row++) {
            int s = srcOffset + row * srcStride;
            int d = (y + row) * width + x;
            for (int col = 0; col < w; col++) {
                pixels[d + col] = src[s + col] | 0xFF000000;
            }
        }
        addDamage(x, y, w, h);
    }

    /**
     * Stores one row of {@code w} pixels read from {@code src} as 32-bit little-endian xRGB (the pixel format this
     * client asks servers for) and advances {@code src} past them; alpha is forced opaque. Decoding straight from
     * the socket buffer saves Raw updates two passes over every pixel.
     */
    public synchronized void putRow(int x, int y, int w, ByteBuffer src) {
        requireInside(x, y, w, 1);
        int p = src.position();
        if (src.remaining() < w * 4) {
            throw new IllegalArgumentException("row of " + w + " pixels needs " + w * 4 + " bytes, only " + src.remaining() + " left");
        }
        int d = y * width + x;
        for (int i = 0; i < w; i++) {
            pixels[d + i] = (int) LITTLE_ENDIAN_INT.get(src, p + (i << 2)) | 0xFF000000;
        }
        src.position(p + w * 4);
        addDamage(x, y, w, 1);
    }

    public synchronized void fillRect(int x, int y, int w, int h, int argb) {
        requireInside(x, y, w, h);
        int opaque = argb | 0xFF000000;
        for (int row = 0; row < h; row++) {
            int d = (y + row) * width + x;
            java.util.Arrays.fill(pixels, d, d + w, opaque);
        }
        addDamage(x, y, w, h);
    }

    /** Copies a w x h block from (srcX,srcY) to (x,y); overlapping areas are handled like memmove. */
    public synchronized void copyRect(int srcX, int srcY, int x, int y, int w, int h) {
        requireInside(srcX, srcY, w, h);
        requireInside(x, y, w, h);
        if (y > srcY) {
            for (int row = h - 1; row >= 0; row--) {
                System.arraycopy(pixels, (srcY + row) * width + srcX, pixels, (y + row) * width + x, w);
            }
        } else {
            for (int row = 0; row < h; row++) {
                System.arraycopy(pixels, (srcY + row) * width + srcX, pixels, (y + row) * width + x, w);
            }
        }
        addDamage(x, y, w, h);
    }

    /** Returns the damage accumulated since the last call and clears it; null when nothing changed. */
    public synchronized DamageRect takeDamage() {
        DamageRect taken = damage;
        damage = null;
        return taken == null || taken.isEmpty() ? null : taken;
    }

    /** Marks the whole screen dirty, e.g. after a renderer rebuilt its image. */
    public synchronized void damageAll() {
        addDamage(0, 0, width, height);
    }

    /**
     * Copies the given rectangle into {@code dst}, which must be laid out as {@code dstWidth} pixels per row.
     * Returns false (copying nothing) if the framebuffer size no longer matches {@code expectedGeneration}.
     */
    public synchronized boolean copyTo(IntBuffer dst, int dstWidth, DamageRect r, long expectedGeneration) {
        if (expectedGeneration != generation || dstWidth != width) return false;
        DamageRect c = r.clip(width, height);
        for (int row = 0; row < c.height(); row++) {
            int offset = (c.y() + row) * width + c.x();
            dst.put(offset, pixels, offset, c.width());
        }
        return true;
    }

    /**
     * As {@link #copyTo(IntBuffer, int, DamageRect, long)}, enlarging each pixel to {@code scale} x {@code scale}
     * ({@code dst} is laid out as {@code width * scale} pixels per row). A view showing the guest at a whole-number
     * zoom draws this 1:1, so it stays crisp whatever filtering the toolkit's pipeline applies when scaling images.
     */
    public synchronized boolean copyTo(IntBuffer dst, int dstWidth, DamageRect r, long expectedGeneration, int scale) {
        if (scale == 1) return copyTo(dst, dstWidth, r, expectedGeneration);
        if (scale < 1 || expectedGeneration != generation || dstWidth != width * scale) return false;
        DamageRect c = r.clip(width, height);
        int[] row = new int[c.width() * scale];
        for (int y = 0; y < c.height(); y++) {
            int src = (c.y() + y) * width + c.x();
            for (int x = 0, d = 0; x < c.width(); x++) {
                int p = pixels[src + x];
                for (int k = 0; k < scale; k++) row[d++] = p;
            }
            for (int k = 0; k < scale; k++) {
                dst.put(((c.y() + y) * scale + k) * dstWidth + c.x() * scale, row, 0, row.length);
            }
        }
        return true;
    }

    public synchronized FramebufferSnapshot snapshot() {
        return new FramebufferSnapshot(width, height, pixels.clone());
    }

    private void requireInside(int x, int y, int w, int h) {
        if (!contains(x, y, w, h)) {
            throw new IllegalArgumentException("rectangle " + x + "," + y + " " + w + "x" + h
                    + " exceeds framebuffer " + width + "x" + height);
        }
    }

    private void addDamage(int x, int y, int w, int h) {
        DamageRect r = new DamageRect(x, y, w, h);
        damage = damage == null ? r : damage.union(r);
    }
}
