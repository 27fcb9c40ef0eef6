package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vmstation.graphics.rfb.protocol.ByteAccumulator;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/** Raw encoding: width*height pixels, 4 bytes each (B,G,R,X), delivered row by row as they arrive. */
public final class RawDecoder implements RectangleDecoder {

    private final ByteAccumulator row = new ByteAccumulator();
    private int[] rowPixels = new int[0];
    private RectHeader rect;
    private int nextRow;

    @Override
    public void begin(RectHeader rect, ProtocolEvents events) {
        this.rect = rect;
        this.nextRow = 0;
        if (rect.width() > 0) row.expect(rect.width() * 4);
        if (rowPixels.length < rect.width()) rowPixels = new int[rect.width()];
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) {
        if (rect.width() == 0) return true;
        while (nextRow < rect.height()) {
            if (!row.fill(in)) return false;
            row.buffer().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(rowPixels, 0, rect.width());
            events.framebuffer().putPixels(rect.x(), rect.y() + nextRow, rect.width(), 1, rowPixels, 0, rect.width());
            nextRow++;
            row.expect(rect.width() * 4);
        }
        return true;
    }
}
