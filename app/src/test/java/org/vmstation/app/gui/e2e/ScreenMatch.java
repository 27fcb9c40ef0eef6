package org.vmstation.app.gui.e2e;

import java.awt.image.BufferedImage;

/**
 * How well the window's console shows the frame QEMU itself rendered. Only pixels that are lit in either image
 * count, so a mostly black text console cannot match a black (or missing) picture by accident; a blinking cursor
 * costs a few dozen pixels and stays within the tolerance.
 *
 * @param width     the console image's width (QEMU's must be the same)
 * @param height    the console image's height
 * @param lit       pixels lit in either image
 * @param agreeing  lit pixels whose colours agree within {@link #CHANNEL_TOLERANCE} per channel
 */
record ScreenMatch(int width, int height, int qemuWidth, int qemuHeight, int lit, int agreeing) {
    static final int CHANNEL_TOLERANCE = 40;
    private static final int LIT_LUMA = 48;

    static ScreenMatch compare(BufferedImage qemu, BufferedImage console) {
        if (qemu.getWidth() != console.getWidth() || qemu.getHeight() != console.getHeight()) {
            return new ScreenMatch(console.getWidth(), console.getHeight(), qemu.getWidth(), qemu.getHeight(), 0, 0);
        }
        int lit = 0, agreeing = 0;
        for (int y = 0; y < qemu.getHeight(); y++) {
            for (int x = 0; x < qemu.getWidth(); x++) {
                int a = qemu.getRGB(x, y), b = console.getRGB(x, y);
                if (luma(a) < LIT_LUMA && luma(b) < LIT_LUMA) continue;
                lit++;
                if (close(a, b)) agreeing++;
            }
        }
        return new ScreenMatch(console.getWidth(), console.getHeight(), qemu.getWidth(), qemu.getHeight(), lit, agreeing);
    }

    boolean sameSize() { return width == qemuWidth && height == qemuHeight; }

    double agreement() { return lit == 0 ? 0 : (double) agreeing / lit; }

    /** Same size, real content (text, not a blank screen) and at least 98% of it agreeing. */
    boolean matches() { return sameSize() && lit >= 300 && agreement() >= 0.98; }

    private static int luma(int rgb) {
        return (((rgb >> 16) & 0xFF) * 3 + ((rgb >> 8) & 0xFF) * 6 + (rgb & 0xFF)) / 10;
    }

    private static boolean close(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > CHANNEL_TOLERANCE) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "console " + width + "x" + height + " vs QEMU " + qemuWidth + "x" + qemuHeight + ", " + lit + " lit pixels, "
                + String.format(java.util.Locale.ROOT, "%.2f%%", 100 * agreement()) + " agreeing";
    }
}
