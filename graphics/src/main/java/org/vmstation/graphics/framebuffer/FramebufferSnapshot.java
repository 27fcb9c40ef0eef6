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
