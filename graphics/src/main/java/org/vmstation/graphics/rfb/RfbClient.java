package org.vmstation.graphics.rfb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vmstation.graphics.rfb.transport.RecordingTransport;
import org.vmstation.graphics.rfb.transport.RfbTransport;
import org.vmstation.graphics.rfb.transport.UnixSocketTransport;

/** Opens RFB sessions to VNC servers listening on UNIX sockets (QEMU {@code -vnc unix:PATH}). */
public final class RfbClient {

    private RfbClient() {
    }

    /**
     * Connects and completes the handshake, blocking up to the options' connect timeout. Do not call on the
     * JavaFX thread; use {@link #connectAsync} there.
     *
     * @throws RfbProtocolException if the server's handshake is malformed or refuses the client
     * @throws IOException if the socket cannot be reached or closes, or the handshake times out
     */
    public static RfbSession connect(Path socket, RfbClientOptions options) throws IOException, InterruptedException {
        RfbTransport transport = UnixSocketTransport.connect(socket);
        if (options.recordServerBytesTo() != null) {
            transport = new RecordingTransport(transport, options.recordServerBytesTo());
        }
        RfbSession session = new RfbSession(transport, options);
        session.start();
        try {
            session.started().get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return session;
        } catch (ExecutionException e) {
            session.close();
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException("RFB handshake with " + socket + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            session.close();
            throw new IOException("RFB handshake with " + socket + " did not finish within "
                    + options.connectTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            session.close();
            throw e;
        }
    }

    /** {@link #connect} on a virtual thread. */
    public static CompletableFuture<RfbSession> connectAsync(Path socket, RfbClientOptions options) {
        CompletableFuture<RfbSession> result = new CompletableFuture<>();
        Thread.ofVirtual().name("rfb-connect").start(() -> {
            try {
                result.complete(connect(socket, options));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
