package org.vmstation.graphics.rfb.protocol;

import java.nio.ByteBuffer;

/**
 * Collects exactly N bytes across however many input chunks they arrive in. Every decoder reads its
 * fixed-size fields through one of these, which is what makes the decoders indifferent to how the stream is split.
 */
public final class ByteAccumulator {

    private byte[] bytes = new byte[32];
    private int wanted;
    private int filled;

    /** Starts collecting {@code n} bytes; callers bound {@code n} before calling. */
    public void expect(int n) {
        if (n < 0) throw new IllegalArgumentException("negative length " + n);
        if (bytes.length < n) bytes = new byte[Math.max(n, bytes.length * 2)];
        wanted = n;
        filled = 0;
    }

    /** Takes what it can from {@code in}; true once all expected bytes are present. */
    public boolean fill(ByteBuffer in) {
        int take = Math.min(wanted - filled, in.remaining());
        in.get(bytes, filled, take);
        filled += take;
        return filled == wanted;
    }

    /** The collected bytes as a big-endian buffer positioned at the start. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, 0, wanted);
    }

    /** Backing array; valid bytes are {@code [0, length())}. */
    public byte[] array() {
        return bytes;
    }

    /** Bytes collected so far towards the expected count. */
    public int filled() {
        return filled;
    }

    public int length() {
        return wanted;
    }
}
