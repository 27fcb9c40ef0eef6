package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/** QEMU extended key event pseudo-encoding: an empty rectangle acknowledging scancode key events. */
public final class ExtendedKeyEventDecoder implements RectangleDecoder {

    @Override
    public void begin(RectHeader rect, ProtocolEvents events) {
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) {
        events.extendedKeyEventSupported();
        return true;
    }

    @Override
    public boolean drawsPixels() {
        return false;
    }
}
