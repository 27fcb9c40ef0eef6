package org.vmstation.graphics.rfb.messages;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.vmstation.graphics.rfb.RfbLimits;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.protocol.ByteAccumulator;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/**
 * ServerCutText (type 3): 3 padding bytes, s32 length, ISO-8859-1 text of at most {@link RfbLimits#MAX_CUT_TEXT};
 * a negative length carries an Extended Clipboard message instead.
 */
public final class ServerCutTextDecoder implements ServerMessageDecoder {

    private final ByteAccumulator header = new ByteAccumulator();
    private final ByteAccumulator text = new ByteAccumulator();
    private boolean readingText;
    private boolean extended;

    @Override
    public void reset() {
        header.expect(7);
        readingText = false;
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) throws RfbProtocolException {
        if (!readingText) {
            if (!header.fill(in)) return false;
            ByteBuffer b = header.buffer();
            b.position(3);
            int signedLength = b.getInt();
            // A negative length marks an Extended Clipboard message of -length bytes.
            extended = signedLength < 0;
            long length = extended ? -(long) signedLength : signedLength;
            if (length > RfbLimits.MAX_CUT_TEXT) {
                throw new RfbProtocolException((extended ? "extended clipboard message length " : "server cut text length ") + length + " exceeds limit "
                        + RfbLimits.MAX_CUT_TEXT);
            }
            text.expect((int) length);
            readingText = true;
        }
        if (!text.fill(in)) return false;
        if (extended) {
            events.extendedClipboard(text.buffer());
            return true;
        }
        events.serverCutText(new String(text.array(), 0, text.length(), StandardCharsets.ISO_8859_1));
        return true;
    }
}
