package org.vmstation.graphics.rfb.messages;

import java.nio.ByteBuffer;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/**
 * Decodes the body of one server-to-client message (after its type byte). {@link #reset} starts a new
 * message; {@link #decode} is fed chunks until it returns true.
 */
public interface ServerMessageDecoder {

    void reset();

    boolean decode(ByteBuffer in, ProtocolEvents events) throws RfbProtocolException;
}
