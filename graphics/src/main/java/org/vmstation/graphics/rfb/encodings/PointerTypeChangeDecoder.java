package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import org.vmstation.graphics.rfb.PointerMode;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/** QEMU pointer type change pseudo-encoding: header x is 1 for absolute, 0 for relative; no payload. */
public final class PointerTypeChangeDecoder implements RectangleDecoder {

    private RectHeader rect;

    @Override
    public void begin(RectHeader rect, ProtocolEvents events) {
        this.rect = rect;
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) {
        events.pointerModeChanged(rect.x() != 0 ? PointerMode.ABSOLUTE : PointerMode.RELATIVE);
        return true;
    }

    @Override
    public boolean drawsPixels() {
        return false;
    }
}
