package org.vmstation.graphics.rfb.messages;

import java.nio.ByteBuffer;
import java.util.Map;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.encodings.RectangleDecoder;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/** Splits the post-handshake server stream into messages: reads a type byte, then runs that type's decoder. */
public final class ServerMessageReader {

    private final ServerMessageDecoder framebufferUpdate;
    private final ServerMessageDecoder colourMap = new SetColourMapEntriesDecoder();
    private final ServerMessageDecoder bell = new BellDecoder();
    private final ServerMessageDecoder cutText = new ServerCutTextDecoder();
    private final ServerMessageDecoder qemu = new QemuServerMessageDecoder();
    private ServerMessageDecoder current;

    public ServerMessageReader(Map<Integer, RectangleDecoder> rectangleDecoders) {
        this.framebufferUpdate = new FramebufferUpdateDecoder(rectangleDecoders);
    }

    /** Consumes all of {@code in}, completing as many messages as it holds. */
    public void read(ByteBuffer in, ProtocolEvents events) throws RfbProtocolException {
        while (in.hasRemaining() || current != null) {
            if (current == null) {
                int type = in.get() & 0xFF;
                current = switch (type) {
                    case 0 -> framebufferUpdate;
                    case 1 -> colourMap;
                    case 2 -> bell;
                    case 3 -> cutText;
                    case 255 -> qemu;
                    default -> throw new RfbProtocolException("unknown server message type " + type);
                };
                current.reset();
            }
            if (!current.decode(in, events)) return;
            current = null;
        }
    }
}
