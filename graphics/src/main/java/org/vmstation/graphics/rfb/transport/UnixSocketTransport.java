package org.vmstation.graphics.rfb.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * RFB over a UNIX domain socket (QEMU's {@code -vnc unix:PATH}). One reader thread delivers chunks; one writer
 * thread drains a queue so callers (including the JavaFX thread) never block on the socket and writes never
 * interleave.
 */
public final class UnixSocketTransport implements RfbTransport {

    private static final byte[] POISON = new byte[0];

    private final Path socketPath;
    private final SocketChannel channel;
    private final LinkedBlockingQueue<byte[]> outgoing = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Receiver receiver;

    private UnixSocketTransport(Path socketPath, SocketChannel channel) {
        this.socketPath = socketPath;
        this.channel = channel;
    }

    /** Connects (blocking, local so immediate) to the socket at {@code path}. */
    public static UnixSocketTransport connect(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect to VNC socket " + path + ": " + e.getMessage(), e);
        }
        return new UnixSocketTransport(path, channel);
    }

    @Override
    public void start(Receiver newReceiver) {
        this.receiver = newReceiver;
        Thread.ofPlatform().daemon().name("rfb-reader " + socketPath.getFileName()).start(this::readLoop);
        Thread.ofPlatform().daemon().name("rfb-writer " + socketPath.getFileName()).start(this::writeLoop);
    }

    private void readLoop() {
        // Direct: the channel reads into it without an extra copy; 1 MiB takes a large update in few reads.
        ByteBuffer buffer = ByteBuffer.allocateDirect(1024 * 1024);
        try {
            while (true) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    shutdown(new IOException("VNC server closed the connection"));
                    return;
                }
                buffer.flip();
                if (closed.get()) return;
                receiver.received(buffer);
            }
        } catch (AsynchronousCloseException e) {
            shutdown(null);
        } catch (Throwable e) {
            shutdown(closed.get() ? null : e);
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] message = outgoing.take();
                if (message == POISON) {
                    closeChannel();
                    return;
                }
                ByteBuffer b = ByteBuffer.wrap(message);
                while (b.hasRemaining()) channel.write(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            shutdown(closed.get() ? null : e);
        }
    }

    @Override
    public void send(byte[] message) {
        if (!closed.get()) outgoing.add(message);
    }

    /**
     * Closes gracefully: messages already queued (e.g. key releases) are still written, then the socket closes.
     * If the writer is stuck on a full socket, the socket is closed anyway after a short grace period.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        outgoing.add(POISON);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeChannel();
        });
        if (receiver != null) receiver.closed(null);
    }

    /** Closes at once after a failure; queued messages are dropped. */
    private void shutdown(Throwable reason) {
        if (!closed.compareAndSet(false, true)) return;
        outgoing.add(POISON);
        closeChannel();
        if (receiver != null) receiver.closed(reason);
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway; nothing more to tell the peer
        }
    }
}
