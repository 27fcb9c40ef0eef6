package org.vmstation.graphics.rfb.messages;

import java.nio.ByteBuffer;
import org.vmstation.graphics.rfb.RfbLimits;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.protocol.ByteAccumulator;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/**
 * QEMU server message (type 255). The only sub-type QEMU defines is 1, audio: u16 operation (0 end, 1 begin,
 * 2 data followed by u32 length and samples). Audio is never requested by this client; if sent it is dropped.
 */
public final class QemuServerMessageDecoder implements ServerMessageDecoder {

    private enum State { HEADER, DATA_LENGTH, DATA }

    private final ByteAccumulator header = new ByteAccumulator();
    private final ByteAccumulator length = new ByteAccumulator();
    private State state;
    private long remainingData;

    @Override
    public void reset() {
        header.expect(3);
        state = State.HEADER;
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) throws RfbProtocolException {
        switch (state) {
            case HEADER -> {
                if (!header.fill(in)) return false;
                ByteBuffer b = header.buffer();
                int subtype = b.get() & 0xFF;
                int operation = b.getShort() & 0xFFFF;
                if (subtype != 1) {
                    throw new RfbProtocolException("unknown QEMU server message sub-type " + subtype);
                }
                if (operation == 0 || operation == 1) return true;
                if (operation != 2) {
                    throw new RfbProtocolException("unknown QEMU audio operation " + operation);
                }
                length.expect(4);
                state = State.DATA_LENGTH;
                return decode(in, events);
            }
            case DATA_LENGTH -> {
                if (!length.fill(in)) return false;
                remainingData = length.buffer().getInt() & 0xFFFFFFFFL;
                if (remainingData > RfbLimits.MAX_AUDIO_CHUNK) {
                    throw new RfbProtocolException("QEMU audio data length " + remainingData + " exceeds limit "
                            + RfbLimits.MAX_AUDIO_CHUNK);
                }
                state = State.DATA;
                return decode(in, events);
            }
            case DATA -> {
                int skip = (int) Math.min(remainingData, in.remaining());
                in.position(in.position() + skip);
                remainingData -= skip;
                return remainingData == 0;
            }
            default -> throw new IllegalStateException(state.toString());
        }
    }
}
