package org.vmstation.engine.qmp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Passes everything through to a real transport and keeps a copy of the bytes in each direction. */
final class RecordingTransport implements QmpTransport {

    private final QmpTransport delegate;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    RecordingTransport(QmpTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int n = delegate.read(buffer);
        if (n > 0) {
            synchronized (received) {
                received.write(buffer, 0, n);
            }
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        synchronized (sent) {
            sent.write(bytes);
        }
        delegate.write(bytes);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    byte[] sent() {
        synchronized (sent) {
            return sent.toByteArray();
        }
    }
}
