package org.vmstation.graphics.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vmstation.graphics.framebuffer.Framebuffer;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;

/** Reads the binary PPM (P6, maxval 255) that QEMU's screendump writes. */
final class Ppm {
    private Ppm() {}

    static FramebufferSnapshot read(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        int[] pos = {0};
        String magic = token(data, pos);
        int width = Integer.parseInt(token(data, pos));
        int height = Integer.parseInt(token(data, pos));
        int max = Integer.parseInt(token(data, pos));
        pos[0]++; // the single whitespace byte before the pixels
        if (!magic.equals("P6") || max != 255) throw new IOException(file + ": expected a P6 PPM with maxval 255, got " + magic + " " + max);
        Framebuffer.checkSize(width, height);
        if (data.length - pos[0] < (long) width * height * 3) throw new IOException(file + ": truncated pixel data");
        int[] argb = new int[width * height];
        for (int i = 0, p = pos[0]; i < argb.length; i++, p += 3) {
            argb[i] = 0xFF000000 | (data[p] & 0xFF) << 16 | (data[p + 1] & 0xFF) << 8 | (data[p + 2] & 0xFF);
        }
        return new FramebufferSnapshot(width, height, argb);
    }

    private static String token(byte[] data, int[] pos) throws IOException {
        while (pos[0] < data.length && Character.isWhitespace(data[pos[0]])) pos[0]++;
        int start = pos[0];
        while (pos[0] < data.length && !Character.isWhitespace(data[pos[0]])) pos[0]++;
        if (start == pos[0] || pos[0] - start > 16) throw new IOException("malformed PPM header");
        return new String(data, start, pos[0] - start, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
