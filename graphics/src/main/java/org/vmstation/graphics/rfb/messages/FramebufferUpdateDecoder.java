package org.vmstation.graphics.rfb.messages;

import java.nio.ByteBuffer;
import java.util.Map;
import org.vmstation.graphics.framebuffer.DamageRect;
import org.vmstation.graphics.framebuffer.Framebuffer;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.encodings.RectHeader;
import org.vmstation.graphics.rfb.encodings.RectangleDecoder;
import org.vmstation.graphics.rfb.protocol.ByteAccumulator;
import org.vmstation.graphics.rfb.protocol.Encodings;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/**
 * FramebufferUpdate (type 0): padding, u16 rectangle count, then rectangles, each a 12-byte header and an
 * encoding-specific payload. A LastRect rectangle ends the message early (servers send count 0xFFFF with it).
 */
public final class FramebufferUpdateDecoder implements ServerMessageDecoder {

    private enum State { HEADER, RECT_HEADER, RECT_BODY }

    private final Map<Integer, RectangleDecoder> decoders;
    private final ByteAccumulator fields = new ByteAccumulator();
    private State state;
    private int rectsLeft;
    private RectangleDecoder current;
    private DamageRect damage;

    /** {@code decoders} maps every encoding the client advertised (other than LastRect) to its decoder. */
    public FramebufferUpdateDecoder(Map<Integer, RectangleDecoder> decoders) {
        this.decoders = Map.copyOf(decoders);
    }

    @Override
    public void reset() {
        fields.expect(3);
        state = State.HEADER;
        damage = null;
    }

    @Override
    public boolean decode(ByteBuffer in, ProtocolEvents events) throws RfbProtocolException {
        while (true) {
            switch (state) {
                case HEADER -> {
                    if (!fields.fill(in)) return false;
                    ByteBuffer b = fields.buffer();
                    b.get();
                    rectsLeft = b.getShort() & 0xFFFF;
                    startNextRect();
                }
                case RECT_HEADER -> {
                    if (rectsLeft == 0) {
                        events.updateComplete(damage);
                        return true;
                    }
                    if (!fields.fill(in)) return false;
                    ByteBuffer b = fields.buffer();
                    RectHeader rect = new RectHeader(b.getShort() & 0xFFFF, b.getShort() & 0xFFFF,
                            b.getShort() & 0xFFFF, b.getShort() & 0xFFFF, b.getInt());
                    rectsLeft--;
                    if (rect.encoding() == Encodings.LAST_RECT) {
                        rectsLeft = 0;
                        continue;
                    }
                    current = decoderFor(rect, events.framebuffer());
                    current.begin(rect, events);
                    if (current.drawsPixels() && rect.width() > 0 && rect.height() > 0) {
                        DamageRect r = new DamageRect(rect.x(), rect.y(), rect.width(), rect.height());
                        damage = damage == null ? r : damage.union(r);
                    }
                    state = State.RECT_BODY;
                }
                case RECT_BODY -> {
                    if (!current.decode(in, events)) return false;
                    startNextRect();
                }
                default -> throw new IllegalStateException(state.toString());
            }
        }
    }

    private void startNextRect() {
        fields.expect(12);
        state = State.RECT_HEADER;
    }

    private RectangleDecoder decoderFor(RectHeader rect, Framebuffer fb) throws RfbProtocolException {
        RectangleDecoder decoder = decoders.get(rect.encoding());
        if (decoder == null) {
            throw new RfbProtocolException("rectangle " + rect + " uses " + Encodings.name(rect.encoding())
                    + ", which this client did not request");
        }
        if (decoder.drawsPixels() && !fb.contains(rect.x(), rect.y(), rect.width(), rect.height())) {
            throw new RfbProtocolException(Encodings.name(rect.encoding()) + " rectangle " + rect
                    + " exceeds framebuffer " + fb.width() + "x" + fb.height());
        }
        return decoder;
    }
}
