package org.vmstation.graphics.rfb;

/**
 * The guest's pointer shape: ARGB pixels (non-premultiplied, alpha 0 or 255) and hotspot.
 * A 0x0 cursor means the guest hides its pointer.
 */
public record CursorImage(int width, int height, int hotX, int hotY, int[] argb) {

    public CursorImage {
        if (argb.length != width * height) {
            throw new IllegalArgumentException("cursor pixel array has " + argb.length + " entries, expected "
                    + width + "x" + height);
        }
    }

    public boolean isHidden() {
        return width == 0 || height == 0;
    }
}
