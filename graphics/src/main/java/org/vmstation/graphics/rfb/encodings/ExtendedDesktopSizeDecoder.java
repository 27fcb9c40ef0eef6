package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.protocol.ByteAccumulator;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/**
 * ExtendedDesktopSize pseudo-encoding: header x = reason, y = status, w/h = framebuffer size; payload is a
 * screen count, 3 padding bytes and 16 bytes per screen (id, x, y, w, h, flags).
 */
public final class ExtendedDesktopSizeDecoder implements RectangleDecoder {

    private final ByteAccumulator header = new ByteAccumulator();
    private final ByteAccumulator screens = new ByteAccumulator();
    private RectHeader rect;
    private boolean readingScreens;
    private int screenCount;

    @Override
    public void begin(RectHeader rect, ProtocolEvents events) throws RfbProtocolException {
        DesktopSizeDecoder.checkDesktopSize(rect.width(), rect.height());
        this.rect = rect;
        readingScreens = false;
        header.expect(4);
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) throws RfbProtocolException {
        if (!readingScreens) {
            if (!header.fill(in)) return false;
            screenCount = header.buffer().get() & 0xFF;
            screens.expect(16 * screenCount);
            readingScreens = true;
        }
        if (!screens.fill(in)) return false;
        int id = 0;
        int flags = 0;
        if (screenCount > 0) {
            ByteBuffer s = screens.buffer();
            id = s.getInt();
            s.position(12);
            flags = s.getInt();
        }
        events.extendedDesktopSizeSupported(id, flags);
        if (events.framebuffer().width() != rect.width() || events.framebuffer().height() != rect.height()) {
            events.framebuffer().resize(rect.width(), rect.height());
            events.desktopResized(rect.width(), rect.height());
        }
        return true;
    }

    @Override
    public boolean drawsPixels() {
        return false;
    }
}
