package org.vmstation.graphics.rfb.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wraps a transport and appends every byte received from the server to a file, exactly as it arrived, so a
 * real session can be replayed into the decoders in tests.
 */
public final class RecordingTransport implements RfbTransport {

    private final RfbTransport inner;
    private final OutputStream file;

    public RecordingTransport(RfbTransport inner, Path recording) throws IOException {
        this.inner = inner;
        Path parent = recording.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        this.file = Files.newOutputStream(recording);
    }

    @Override
    public void start(Receiver receiver) {
        inner.start(new Receiver() {
            @Override
            public void received(ByteBuffer chunk) throws IOException {
                byte[] copy = new byte[chunk.remaining()];
                chunk.duplicate().get(copy);
                file.write(copy);
                file.flush();
                receiver.received(chunk);
            }

            @Override
            public void closed(Throwable reason) {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // the recording is best effort; the session outcome is what matters
                }
                receiver.closed(reason);
            }
        });
    }

    @Override
    public void send(byte[] message) {
        inner.send(message);
    }

    @Override
    public void close() {
        inner.close();
    }
}
