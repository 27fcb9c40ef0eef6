package org.vmstation.graphics.rfb.encodings;

/** The 12-byte rectangle header of a FramebufferUpdate; x/y/w/h are unsigned 16-bit values. */
public record RectHeader(int x, int y, int width, int height, int encoding) {

    @Override
    public String toString() {
        return x + "," + y + " " + width + "x" + height;
    }
}
