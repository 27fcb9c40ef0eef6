package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import org.vmstation.graphics.rfb.RfbLimits;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/** DesktopSize pseudo-encoding: the header's width/height is the new framebuffer size; no payload. */
public final class DesktopSizeDecoder implements RectangleDecoder {

    private RectHeader rect;

    static void checkDesktopSize(int w, int h) throws RfbProtocolException {
        if (w > RfbLimits.MAX_DIMENSION || h > RfbLimits.MAX_DIMENSION) {
            throw new RfbProtocolException("desktop size " + w + "x" + h + " exceeds limit "
                    + RfbLimits.MAX_DIMENSION + "x" + RfbLimits.MAX_DIMENSION);
        }
    }

    @Override
    public void begin(RectHeader rect, ProtocolEvents events) throws RfbProtocolException {
        checkDesktopSize(rect.width(), rect.height());
        this.rect = rect;
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) {
        events.framebuffer().resize(rect.width(), rect.height());
        events.desktopResized(rect.width(), rect.height());
        return true;
    }

    @Override
    public boolean drawsPixels() {
        return false;
    }
}
