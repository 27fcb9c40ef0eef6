package org.vmstation.usb.redir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Splits the byte stream into {@link UsbRedirFrame}s: a state machine that accepts input in pieces of any
 * size. The header is {@code type u32, length u32, id u32} until both sides announced 64-bit ids, then
 * {@code id u64}; the owner switches with {@link #use64BitIds} from inside the frame callback, so bytes
 * already buffered after the hello are read with the new header size.
 */
public final class UsbRedirFrameDecoder {
    /** A bulk transfer larger than this is not sent by QEMU (its own limit is far lower); refuse it. */
    public static final int DEFAULT_MAX_BODY = 16 * 1024 * 1024;

    /** Receives each complete frame; may throw to end the connection. */
    @FunctionalInterface
    public interface FrameSink {
        void frame(UsbRedirFrame frame) throws UsbRedirProtocolException;
    }

    private final int maxBody;
    private final byte[] header = new byte[16];
    private int headerFill;
    private boolean ids64;
    private int type;
    private long id;
    private byte[] body;
    private int bodyFill;
    private boolean inBody;
    private long offset;

    public UsbRedirFrameDecoder(int maxBody) {
        if (maxBody < 64) throw new IllegalArgumentException("maxBody must be at least 64, got " + maxBody);
        this.maxBody = maxBody;
    }

    public UsbRedirFrameDecoder() { this(DEFAULT_MAX_BODY); }

    public void use64BitIds(boolean on) { ids64 = on; }

    public boolean uses64BitIds() { return ids64; }

    private int headerSize() { return ids64 ? 16 : 12; }

    /** Feeds bytes; calls {@code sink} for every frame they complete. */
    public void feed(byte[] data, int off, int len, FrameSink sink) throws UsbRedirProtocolException {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (!inBody) {
                int need = headerSize() - headerFill;
                int n = Math.min(need, end - i);
                System.arraycopy(data, i, header, headerFill, n);
                headerFill += n;
                i += n;
                offset += n;
                if (headerFill == headerSize()) startBody();
                if (inBody && body.length == 0) finish(sink);
            } else {
                int n = Math.min(body.length - bodyFill, end - i);
                System.arraycopy(data, i, body, bodyFill, n);
                bodyFill += n;
                i += n;
                offset += n;
                if (bodyFill == body.length) finish(sink);
            }
        }
    }

    /** Whether the decoder sits between frames (no partial frame buffered). */
    public boolean idle() { return !inBody && headerFill == 0; }

    private void startBody() throws UsbRedirProtocolException {
        ByteBuffer h = ByteBuffer.wrap(header, 0, headerSize()).order(ByteOrder.LITTLE_ENDIAN);
        type = h.getInt();
        long length = Integer.toUnsignedLong(h.getInt());
        id = ids64 ? h.getLong() : Integer.toUnsignedLong(h.getInt());
        if (length > maxBody) {
            throw new UsbRedirProtocolException("usbredir packet of type " + type + " at stream offset "
                    + (offset - headerSize()) + " claims " + length + " bytes; the limit is " + maxBody);
        }
        body = new byte[(int) length];
        bodyFill = 0;
        inBody = true;
    }

    private void finish(FrameSink sink) throws UsbRedirProtocolException {
        UsbRedirFrame frame = new UsbRedirFrame(type, id, body);
        inBody = false;
        headerFill = 0;
        body = null;
        sink.frame(frame);
    }
}
