package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import org.vmstation.graphics.rfb.protocol.ByteAccumulator;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/** Raw encoding: width*height pixels, 4 bytes each (B,G,R,X), delivered row by row as they arrive. */
public final class RawDecoder implements RectangleDecoder {

    private final ByteAccumulator row = new ByteAccumulator();
    private RectHeader rect;
    private int nextRow;

    @Override
    public void begin(RectHeader rect, ProtocolEvents events) {
        this.rect = rect;
        this.nextRow = 0;
        if (rect.width() > 0) row.expect(rect.width() * 4);
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) {
        if (rect.width() == 0) return true;
        int rowBytes = rect.width() * 4;
        while (nextRow < rect.height()) {
            if (row.filled() == 0 && in.remaining() >= rowBytes) {
                // The usual case: the whole row is in the socket buffer, so it goes straight to the framebuffer.
                events.framebuffer().putRow(rect.x(), rect.y() + nextRow, rect.width(), in);
            } else {
                if (!row.fill(in)) return false;
                events.framebuffer().putRow(rect.x(), rect.y() + nextRow, rect.width(), row.buffer());
                row.expect(rowBytes);
            }
            nextRow++;
        }
        return true;
    }
}
