package org.vmstation.graphics.rfb.messages;

import java.nio.ByteBuffer;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/** Bell (type 2): no body. */
public final class BellDecoder implements ServerMessageDecoder {

    @Override
    public void reset() {
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) {
        events.bell();
        return true;
    }
}
