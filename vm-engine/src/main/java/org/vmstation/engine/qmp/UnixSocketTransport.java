package org.vmstation.engine.qmp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** {@link QmpTransport} over a UNIX domain stream socket, the way QEMU's {@code -qmp unix:PATH,server=on} listens. */
public final class UnixSocketTransport implements QmpTransport {

    /** sun_path is 108 bytes on Linux including the terminating NUL. */
    static final int MAX_SOCKET_PATH_BYTES = 107;

    private static final long RETRY_PAUSE_MILLIS = 20;

    private final SocketChannel channel;
    private final Path socket;

    private UnixSocketTransport(SocketChannel channel, Path socket) {
        this.channel = channel;
        this.socket = socket;
    }

    /**
     * Connects to the socket, retrying until {@code timeout} has passed: QEMU creates the socket
     * file a little after its process starts, so "no such file" and "connection refused" are
     * expected for a while.
     *
     * @throws QmpConnectException when no connection could be made in time; names the socket and the last error
     */
    public static UnixSocketTransport connect(Path socket, Duration timeout) {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(timeout, "timeout");
        int pathBytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (pathBytes > MAX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException("QMP socket path " + socket + " is " + pathBytes
                    + " bytes long; UNIX sockets allow at most " + MAX_SOCKET_PATH_BYTES + " bytes");
        }
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException lastError;
        while (true) {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(address);
                return new UnixSocketTransport(channel, socket);
            } catch (IOException e) {
                lastError = e;
                closeQuietly(channel);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new QmpConnectException("Could not connect to QMP socket " + socket + " within "
                        + timeout.toMillis() + " ms: " + lastError.getMessage(), lastError);
            }
            try {
                Thread.sleep(RETRY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QmpConnectException("Interrupted while connecting to QMP socket " + socket, e);
            }
        }
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int n;
        do {
            n = channel.read(ByteBuffer.wrap(buffer));
        } while (n == 0 && buffer.length > 0);
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        ByteBuffer remaining = ByteBuffer.wrap(bytes);
        while (remaining.hasRemaining()) {
            channel.write(remaining);
        }
    }

    @Override
    public String name() {
        Path fileName = socket.getFileName();
        return fileName == null ? socket.toString() : fileName.toString();
    }

    /** The socket file this transport is connected to. */
    public Path socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // The connect already failed; the close error adds nothing.
        }
    }

    @Override
    public String toString() {
        return "UnixSocketTransport[" + socket + "]";
    }
}
