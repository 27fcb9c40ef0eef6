package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import org.vmstation.graphics.rfb.LedState;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/** QEMU LED state pseudo-encoding: one byte of lock-key LED bits. */
public final class LedStateDecoder implements RectangleDecoder {

    @Override
    public void begin(RectHeader rect, ProtocolEvents events) {
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) {
        if (!in.hasRemaining()) return false;
        events.ledStateChanged(LedState.fromBits(in.get() & 0xFF));
        return true;
    }

    @Override
    public boolean drawsPixels() {
        return false;
    }
}
