package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import org.vmstation.graphics.framebuffer.Framebuffer;
import org.vmstation.graphics.rfb.RfbLimits;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.protocol.ByteAccumulator;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/**
 * ZRLE: a u32 length, then that many bytes of one zlib stream shared by the whole connection. Inflated, the
 * rectangle is 64x64 tiles, left to right, top to bottom, each with a sub-encoding byte: 0 raw, 1 solid,
 * 2..16 packed palette, 128 plain RLE, 130..255 palette RLE.
 */
public final class ZrleDecoder implements RectangleDecoder {

    private static final int TILE = 64;

    private final ByteAccumulator length = new ByteAccumulator();
    private final ByteAccumulator data = new ByteAccumulator();
    private final ZlibStreamReader zlib = new ZlibStreamReader();
    private final int[] tile = new int[TILE * TILE];
    private final int[] palette = new int[128];
    private RectHeader rect;
    private boolean readingData;

    @Override
    public void begin(RectHeader rect, ProtocolEvents events) {
        this.rect = rect;
        readingData = false;
        length.expect(4);
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) throws RfbProtocolException {
        if (!readingData) {
            if (!length.fill(in)) return false;
            long n = length.buffer().getInt() & 0xFFFFFFFFL;
            if (n > RfbLimits.MAX_ZRLE_COMPRESSED) {
                throw new RfbProtocolException("ZRLE rectangle " + rect + " compressed length " + n + " exceeds limit "
                        + RfbLimits.MAX_ZRLE_COMPRESSED);
            }
            data.expect((int) n);
            readingData = true;
        }
        if (!data.fill(in)) return false;
        zlib.begin(data.array(), data.length(), maxInflatedSize(), "ZRLE rectangle " + rect);
        decodeTiles(events.framebuffer());
        zlib.finish();
        return true;
    }

    /** Worst legal case per tile: sub-encoding byte, a 127-entry palette, and 4 bytes per pixel (RLE runs of 1). */
    private long maxInflatedSize() {
        long tiles = (long) ((rect.width() + TILE - 1) / TILE) * ((rect.height() + TILE - 1) / TILE);
        return tiles * (1 + 127 * 3) + (long) rect.width() * rect.height() * 4 + 16;
    }

    private void decodeTiles(Framebuffer fb) throws RfbProtocolException {
        for (int ty = 0; ty < rect.height(); ty += TILE) {
            int th = Math.min(TILE, rect.height() - ty);
            for (int tx = 0; tx < rect.width(); tx += TILE) {
                int tw = Math.min(TILE, rect.width() - tx);
                int x = rect.x() + tx;
                int y = rect.y() + ty;
                int sub = zlib.u8();
                if (sub == 0) {
                    for (int i = 0; i < tw * th; i++) tile[i] = zlib.cpixel();
                    fb.putPixels(x, y, tw, th, tile, 0, tw);
                } else if (sub == 1) {
                    fb.fillRect(x, y, tw, th, zlib.cpixel());
                } else if (sub <= 16) {
                    readPalette(sub);
                    packedPalette(sub, tw, th);
                    fb.putPixels(x, y, tw, th, tile, 0, tw);
                } else if (sub == 128) {
                    plainRle(tw * th);
                    fb.putPixels(x, y, tw, th, tile, 0, tw);
                } else if (sub >= 130) {
                    readPalette(sub - 128);
                    paletteRle(sub - 128, tw * th);
                    fb.putPixels(x, y, tw, th, tile, 0, tw);
                } else {
                    throw new RfbProtocolException("ZRLE rectangle " + rect + ": invalid tile sub-encoding " + sub
                            + " at tile " + tx + "," + ty);
                }
            }
        }
    }

    private void readPalette(int size) throws RfbProtocolException {
        for (int i = 0; i < size; i++) palette[i] = zlib.cpixel();
    }

    private void packedPalette(int size, int tw, int th) throws RfbProtocolException {
        int bits = size == 2 ? 1 : size <= 4 ? 2 : 4;
        int mask = (1 << bits) - 1;
        for (int row = 0; row < th; row++) {
            int bitsLeft = 0;
            int current = 0;
            for (int col = 0; col < tw; col++) {
                if (bitsLeft == 0) {
                    current = zlib.u8();
                    bitsLeft = 8;
                }
                bitsLeft -= bits;
                int index = (current >> bitsLeft) & mask;
                if (index >= size) {
                    throw new RfbProtocolException("ZRLE rectangle " + rect + ": palette index " + index
                            + " outside palette of " + size);
                }
                tile[row * tw + col] = palette[index];
            }
        }
    }

    private void plainRle(int pixels) throws RfbProtocolException {
        int i = 0;
        while (i < pixels) {
            int colour = zlib.cpixel();
            int run = runLength(pixels - i);
            java.util.Arrays.fill(tile, i, i + run, colour);
            i += run;
        }
    }

    private void paletteRle(int size, int pixels) throws RfbProtocolException {
        int i = 0;
        while (i < pixels) {
            int b = zlib.u8();
            int index = b & 0x7F;
            if (index >= size) {
                throw new RfbProtocolException("ZRLE rectangle " + rect + ": palette index " + index
                        + " outside palette of " + size);
            }
            int run = (b & 0x80) == 0 ? 1 : runLength(pixels - i);
            java.util.Arrays.fill(tile, i, i + run, palette[index]);
            i += run;
        }
    }

    /** Run length: bytes summed until one below 255, plus one; must fit in what is left of the tile. */
    private int runLength(int remaining) throws RfbProtocolException {
        int run = 1;
        int b;
        do {
            b = zlib.u8();
            run += b;
            if (run > remaining) {
                throw new RfbProtocolException("ZRLE rectangle " + rect + ": run of " + run
                        + " pixels overflows tile with " + remaining + " pixels left");
            }
        } while (b == 255);
        return run;
    }

    /** Releases the native zlib state. */
    public void close() {
        zlib.close();
    }
}
