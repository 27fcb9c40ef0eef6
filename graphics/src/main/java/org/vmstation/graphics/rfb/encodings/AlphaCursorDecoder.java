package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vmstation.graphics.rfb.CursorImage;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.protocol.ByteAccumulator;
import org.vmstation.graphics.rfb.protocol.Encodings;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/**
 * Cursor With Alpha pseudo-encoding (-314): header x,y is the hotspot; payload is an s32 inner encoding (only
 * Raw is accepted, which is all QEMU sends) then w*h 32-bit pixels, bytes B,G,R,A, alpha premultiplied per the
 * specification. QEMU before 9.x sends straight alpha; for the usual all-or-nothing cursor alpha both agree.
 */
public final class AlphaCursorDecoder implements RectangleDecoder {

    private final ByteAccumulator innerEncoding = new ByteAccumulator();
    private final ByteAccumulator pixels = new ByteAccumulator();
    private RectHeader rect;
    private boolean readingPixels;

    @Override
    public void begin(RectHeader rect, ProtocolEvents events) throws RfbProtocolException {
        CursorDecoder.checkCursor(rect);
        this.rect = rect;
        readingPixels = false;
        innerEncoding.expect(4);
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) throws RfbProtocolException {
        if (!readingPixels) {
            if (!innerEncoding.fill(in)) return false;
            int encoding = innerEncoding.buffer().getInt();
            if (encoding != Encodings.RAW) {
                throw new RfbProtocolException("alpha cursor " + rect + " uses inner " + Encodings.name(encoding)
                        + "; only Raw is supported");
            }
            pixels.expect(rect.width() * rect.height() * 4);
            readingPixels = true;
        }
        if (!pixels.fill(in)) return false;
        int w = rect.width();
        int h = rect.height();
        if (w == 0 || h == 0) {
            events.cursorChanged(new CursorImage(0, 0, 0, 0, new int[0]));
            return true;
        }
        int[] argb = new int[w * h];
        pixels.buffer().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(argb);
        for (int i = 0; i < argb.length; i++) argb[i] = unpremultiply(argb[i]);
        events.cursorChanged(new CursorImage(w, h, rect.x(), rect.y(), argb));
        return true;
    }

    private static int unpremultiply(int p) {
        int a = p >>> 24;
        if (a == 0) return 0;
        if (a == 255) return p;
        int r = Math.min(255, ((p >> 16) & 0xFF) * 255 / a);
        int g = Math.min(255, ((p >> 8) & 0xFF) * 255 / a);
        int b = Math.min(255, (p & 0xFF) * 255 / a);
        return a << 24 | r << 16 | g << 8 | b;
    }

    @Override
    public boolean drawsPixels() {
        return false;
    }
}
