package org.vmstation.graphics.rfb.encodings;

import java.nio.ByteBuffer;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.protocol.ProtocolEvents;

/**
 * Decodes the payload of one rectangle of one encoding. {@link #begin} is called with the header, then
 * {@link #decode} with successive input chunks until it returns true. Decoders keep per-connection state
 * (e.g. ZRLE's zlib stream) across rectangles.
 */
public interface RectangleDecoder {

    /** Validates the header (throwing if it is unacceptable) and resets per-rectangle state. */
    void begin(RectHeader rect, ProtocolEvents events) throws RfbProtocolException;

    /** Consumes bytes from {@code in}; true when this rectangle is complete. */
    boolean decode(ByteBuffer in, ProtocolEvents events) throws RfbProtocolException;

    /** True for encodings that change pixels, whose rectangle must lie inside the framebuffer. */
    default boolean drawsPixels() {
        return true;
    }
}
