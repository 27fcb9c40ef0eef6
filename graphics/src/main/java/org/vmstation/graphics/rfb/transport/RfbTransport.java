package org.vmstation.graphics.rfb.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A byte pipe to an RFB server: delivers received chunks to a {@link Receiver}, queues outgoing messages. */
public interface RfbTransport extends AutoCloseable {

    /** Gets server bytes on the transport's reader thread. */
    interface Receiver {
        /** Must consume all of {@code chunk}; throwing closes the transport with that exception as reason. */
        void received(ByteBuffer chunk) throws IOException;

        /** Called once, on any thread, when the transport has closed; {@code reason} null for a local close. */
        void closed(Throwable reason);
    }

    /** Starts the reader; call once. */
    void start(Receiver receiver);

    /** Queues a message; never blocks on the socket. Ignored after close. */
    void send(byte[] message);

    /** Closes the connection; the receiver then gets {@code closed(null)} unless it already got a reason. */
    @Override
    void close();
}
