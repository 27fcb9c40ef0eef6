package org.vmstation.graphics.rfb.protocol;

import java.nio.ByteBuffer;

/** The RFB PIXEL_FORMAT structure (16 bytes on the wire). */
public record PixelFormat(int bitsPerPixel, int depth, boolean bigEndian, boolean trueColour,
                          int redMax, int greenMax, int blueMax, int redShift, int greenShift, int blueShift) {

    /**
     * The format this client always asks for: 32 bpp little-endian with bytes B,G,R,X, so a little-endian int
     * read of a pixel is 0x00RRGGBB and needs only the alpha byte set to be an ARGB int.
     */
    public static final PixelFormat BGRX_32 = new PixelFormat(32, 24, false, true, 255, 255, 255, 16, 8, 0);

    public static final int WIRE_SIZE = 16;

    public static PixelFormat read(ByteBuffer in) {
        PixelFormat pf = new PixelFormat(in.get() & 0xFF, in.get() & 0xFF, in.get() != 0, in.get() != 0,
                in.getShort() & 0xFFFF, in.getShort() & 0xFFFF, in.getShort() & 0xFFFF,
                in.get() & 0xFF, in.get() & 0xFF, in.get() & 0xFF);
        in.position(in.position() + 3);
        return pf;
    }

    public void write(ByteBuffer out) {
        out.put((byte) bitsPerPixel).put((byte) depth).put((byte) (bigEndian ? 1 : 0)).put((byte) (trueColour ? 1 : 0));
        out.putShort((short) redMax).putShort((short) greenMax).putShort((short) blueMax);
        out.put((byte) redShift).put((byte) greenShift).put((byte) blueShift);
        out.put(new byte[3]);
    }
}
