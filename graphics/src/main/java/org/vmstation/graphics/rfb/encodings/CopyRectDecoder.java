package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import org.vmstation.graphics.framebuffer.Framebuffer;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.protocol.ByteAccumulator;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/** CopyRect: a source position from which the server says to copy a block already on screen. */
public final class CopyRectDecoder implements RectangleDecoder {

    private final ByteAccumulator source = new ByteAccumulator();
    private RectHeader rect;

    @Override
    public void begin(RectHeader rect, ProtocolEvents events) {
        this.rect = rect;
        source.expect(4);
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) throws RfbProtocolException {
        if (!source.fill(in)) return false;
        ByteBuffer b = source.buffer();
        int srcX = b.getShort() & 0xFFFF;
        int srcY = b.getShort() & 0xFFFF;
        Framebuffer fb = events.framebuffer();
        if (!fb.contains(srcX, srcY, rect.width(), rect.height())) {
            throw new RfbProtocolException("CopyRect source " + srcX + "," + srcY + " " + rect.width() + "x"
                    + rect.height() + " exceeds framebuffer " + fb.width() + "x" + fb.height());
        }
        fb.copyRect(srcX, srcY, rect.x(), rect.y(), rect.width(), rect.height());
        return true;
    }
}
