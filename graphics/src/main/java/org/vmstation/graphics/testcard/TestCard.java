package org.vmstation.graphics.testcard;

import org.vmstation.graphics.framebuffer.FramebufferSnapshot;

/**
 * The picture the project's test guest draws with {@code vmstation-testcard show} (see build-guest.sh, which
 * computes the same function when it builds the guest). Every pixel depends only on its absolute position, so
 * whatever the guest's mode, the screen must show the top-left crop of one infinite card. Tests and the
 * benchmark compare what a viewer shows against it.
 */
public final class TestCard {
    private static final int WHITE = 0xFFFFFFFF;

    private TestCard() {}

    /** The card's colour at guest pixel (x, y), as opaque ARGB. */
    public static int argb(int x, int y) {
        if (x % 64 == 0 || y % 64 == 0) return WHITE;
        int band = y / 8;
        int r = 1 + (x / 32 * 29 + band * 7) % 255;
        int g = 1 + x % 255;
        int b = 1 + (band * 13 + x / 256 * 61) % 255;
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    /**
     * Compares a picture with the card's top-left crop of the same size.
     *
     * @return null when every pixel matches, else a description of how many differ and the first one
     */
    public static String differences(FramebufferSnapshot picture) {
        return differences(picture, 0, 0, picture.width(), picture.height(), 1);
    }

    /**
     * Compares the {@code width} x {@code height} region of {@code picture} at ({@code left}, {@code top}) with the
     * card scaled up by the whole number {@code scale} (a view showing the guest at 2:1 shows each pixel 2x2).
     */
    public static String differences(FramebufferSnapshot picture, int left, int top, int width, int height, int scale) {
        if (scale < 1) throw new IllegalArgumentException("scale must be a whole number >= 1, was " + scale);
        if (left < 0 || top < 0 || left + width > picture.width() || top + height > picture.height()) {
            throw new IllegalArgumentException("region " + width + "x" + height + " at " + left + "," + top
                    + " lies outside the " + picture.width() + "x" + picture.height() + " picture");
        }
        long wrong = 0;
        String first = null;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int seen = picture.pixel(left + x, top + y) | 0xFF000000;
                int expected = argb(x / scale, y / scale);
                if (seen != expected) {
                    if (first == null) {
                        first = String.format("first at (%d,%d): 0x%06X, expected 0x%06X", x, y, seen & 0xFFFFFF,
                                expected & 0xFFFFFF);
                    }
                    wrong++;
                }
            }
        }
        return wrong == 0 ? null : wrong + " of " + (long) width * height + " pixels differ from the test card; " + first;
    }
}
