package org.vmstation.graphics.framebuffer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** An immutable copy of the guest screen: opaque ARGB pixels, row-major, {@code width * height} entries. */
public record FramebufferSnapshot(int width, int height, int[] argb) {

    public FramebufferSnapshot {
        if (argb.length != width * height) {
            throw new IllegalArgumentException("pixel array has " + argb.length + " entries, expected " + width + "x" + height);
        }
    }

    public int pixel(int x, int y) {
        return argb[y * width + x];
    }

    /** Number of pixels whose colour is not pure black; handy for "is anything on screen yet". */
    public long nonBlackPixels() {
        long n = 0;
        for (int p : argb) {
            if ((p & 0x00FFFFFF) != 0) n++;
        }
        return n;
    }

    /**
     * A copy scaled down (box filter) to fit within {@code maxWidth x maxHeight} with aspect kept, for thumbnails;
     * never scales up.
     */
    public FramebufferSnapshot scaledToFit(int maxWidth, int maxHeight) {
        if (maxWidth < 1 || maxHeight < 1) {
            throw new IllegalArgumentException("thumbnail bounds " + maxWidth + "x" + maxHeight + " must be positive");
        }
        if (width == 0 || height == 0 || (width <= maxWidth && height <= maxHeight)) {
            return new FramebufferSnapshot(width, height, argb.clone());
        }
        double scale = Math.min((double) maxWidth / width, (double) maxHeight / height);
        int w = Math.max(1, (int) Math.round(width * scale));
        int h = Math.max(1, (int) Math.round(height * scale));
        int[] out = new int[w * h];
        for (int ty = 0; ty < h; ty++) {
            int y0 = ty * height / h;
            int y1 = Math.max(y0 + 1, (ty + 1) * height / h);
            for (int tx = 0; tx < w; tx++) {
                int x0 = tx * width / w;
                int x1 = Math.max(x0 + 1, (tx + 1) * width / w);
                long r = 0, g = 0, b = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int p = argb[y * width + x];
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                    }
                }
                long n = (long) (y1 - y0) * (x1 - x0);
                out[ty * w + tx] = 0xFF000000 | (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
            }
        }
        return new FramebufferSnapshot(w, h, out);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(Math.max(width, 1), Math.max(height, 1), BufferedImage.TYPE_INT_RGB);
        if (width > 0 && height > 0) image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    /** Writes the snapshot as a PNG file, creating parent directories. */
    public void writePng(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (!ImageIO.write(toBufferedImage(), "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
