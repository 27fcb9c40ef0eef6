package org.vmstation.engine.qmp;

import java.io.Closeable;
import java.io.IOException;

/**
 * A byte pipe to a QMP server. The bottom layer of the QMP client: it knows nothing about JSON.
 *
 * <p>One thread reads while other threads write; {@link #close()} from any thread must make a
 * read that is blocked in progress return or throw, so that the reader thread can end.
 */
public interface QmpTransport extends Closeable {

    /**
     * Blocks until at least one byte is available and copies up to {@code buffer.length} bytes.
     *
     * @return the number of bytes read (at least 1), or -1 when the peer closed the stream
     */
    int read(byte[] buffer) throws IOException;

    /** Writes all of {@code bytes}; callers serialize writes. */
    void write(byte[] bytes) throws IOException;

    /** Short human-readable name of the peer (e.g. the socket file name), used in thread names and errors. */
    String name();

    @Override
    void close() throws IOException;
}
