package org.vmstation.graphics.rfb.messages;

import java.nio.ByteBuffer;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.protocol.ByteAccumulator;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/**
 * SetColourMapEntries (type 1): padding, first colour, count, then 6 bytes per colour. This client always uses
 * true colour, so the entries are validated and dropped.
 */
public final class SetColourMapEntriesDecoder implements ServerMessageDecoder {

    private final ByteAccumulator header = new ByteAccumulator();
    private final ByteAccumulator colours = new ByteAccumulator();
    private boolean readingColours;

    @Override
    public void reset() {
        header.expect(5);
        readingColours = false;
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) throws RfbProtocolException {
        if (!readingColours) {
            if (!header.fill(in)) return false;
            ByteBuffer b = header.buffer();
            b.get();
            int first = b.getShort() & 0xFFFF;
            int count = b.getShort() & 0xFFFF;
            if (first + count > 65536) {
                throw new RfbProtocolException("SetColourMapEntries first colour " + first + " plus count " + count
                        + " exceeds 65536 entries");
            }
            colours.expect(count * 6);
            readingColours = true;
        }
        return colours.fill(in);
    }
}
