package org.vmstation.usb.redir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/** Passes a channel through and keeps a copy of the first bytes read from it (the peer's stream). */
final class RecordingChannel implements ByteChannel {
    private final ByteChannel inner;
    private final int limit;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();

    RecordingChannel(ByteChannel inner, int limit) {
        this.inner = inner;
        this.limit = limit;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n = inner.read(dst);
        if (n > 0) {
            synchronized (received) {
                int keep = Math.min(n, limit - received.size());
                if (keep > 0) received.write(dst.array(), dst.arrayOffset() + start, keep);
            }
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException { return inner.write(src); }

    @Override
    public boolean isOpen() { return inner.isOpen(); }

    @Override
    public void close() throws IOException { inner.close(); }
}
