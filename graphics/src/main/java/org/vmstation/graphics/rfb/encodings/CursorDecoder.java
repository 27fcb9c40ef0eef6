package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vmstation.graphics.rfb.CursorImage;
import org.vmstation.graphics.rfb.RfbLimits;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.protocol.ByteAccumulator;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/**
 * Cursor pseudo-encoding: header x,y is the hotspot; payload is w*h pixels in the client pixel format followed
 * by a 1-bit-per-pixel transparency mask, rows padded to whole bytes.
 */
public final class CursorDecoder implements RectangleDecoder {

    private final ByteAccumulator payload = new ByteAccumulator();
    private RectHeader rect;

    @Override
    public void begin(RectHeader rect, ProtocolEvents events) throws RfbProtocolException {
        checkCursor(rect);
        this.rect = rect;
        payload.expect(rect.width() * rect.height() * 4 + (rect.width() + 7) / 8 * rect.height());
    }

    /** Size within limits and hotspot inside the cursor. */
    static void checkCursor(RectHeader rect) throws RfbProtocolException {
        int w = rect.width();
        int h = rect.height();
        if (w > RfbLimits.MAX_CURSOR_DIMENSION || h > RfbLimits.MAX_CURSOR_DIMENSION) {
            throw new RfbProtocolException("cursor " + w + "x" + h + " exceeds limit "
                    + RfbLimits.MAX_CURSOR_DIMENSION + "x" + RfbLimits.MAX_CURSOR_DIMENSION);
        }
        if (w > 0 && h > 0 && (rect.x() >= w || rect.y() >= h)) {
            throw new RfbProtocolException("cursor hotspot " + rect.x() + "," + rect.y() + " outside cursor " + w + "x" + h);
        }
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) {
        if (!payload.fill(in)) return false;
        int w = rect.width();
        int h = rect.height();
        if (w == 0 || h == 0) {
            events.cursorChanged(new CursorImage(0, 0, 0, 0, new int[0]));
            return true;
        }
        ByteBuffer b = payload.buffer().order(ByteOrder.LITTLE_ENDIAN);
        int[] argb = new int[w * h];
        b.asIntBuffer().get(argb);
        int maskOffset = w * h * 4;
        int maskStride = (w + 7) / 8;
        byte[] bytes = payload.array();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean opaque = (bytes[maskOffset + y * maskStride + x / 8] & (0x80 >> (x % 8))) != 0;
                int i = y * w + x;
                argb[i] = opaque ? (argb[i] | 0xFF000000) : 0;
            }
        }
        events.cursorChanged(new CursorImage(w, h, rect.x(), rect.y(), argb));
        return true;
    }

    @Override
    public boolean drawsPixels() {
        return false;
    }
}
