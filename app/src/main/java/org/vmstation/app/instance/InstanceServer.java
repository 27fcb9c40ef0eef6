package org.vmstation.app.instance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open window's end of the single-instance socket: accepts later launches, reads each one's
 * {@link LaunchRequest} and hands it to the handler. Requests that come before the window has set a handler
 * wait for it. A malformed request ends that connection with an error answer, never the window.
 */
public final class InstanceServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InstanceServer.class.getName());
    private static final int READ_TIMEOUT_MS = 5_000;

    private final Path socket;
    private final ServerSocketChannel channel;
    private final Thread acceptor;
    private final List<LaunchRequest> pending = new ArrayList<>();
    private Consumer<LaunchRequest> handler;
    private volatile boolean closed;

    private InstanceServer(Path socket, ServerSocketChannel channel) {
        this.socket = socket;
        this.channel = channel;
        acceptor = Thread.ofPlatform().daemon().name("vmstation-single-instance").unstarted(this::acceptLoop);
    }

    /** Binds {@code socket}; fails if the file exists (the caller removed a stale one under the lock). */
    static InstanceServer bind(Path socket) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        InstanceServer server = new InstanceServer(socket, ch);
        server.acceptor.start();
        return server;
    }

    public Path socket() { return socket; }

    /** Where requests go from now on (called on any thread; the handler runs on the server's thread). */
    public void setHandler(Consumer<LaunchRequest> newHandler) {
        List<LaunchRequest> waiting;
        synchronized (this) {
            handler = newHandler;
            waiting = List.copyOf(pending);
            pending.clear();
        }
        waiting.forEach(newHandler);
    }

    private void acceptLoop() {
        while (!closed) {
            try (SocketChannel client = channel.accept()) {
                serve(client);
            } catch (IOException e) {
                if (!closed) LOG.log(Level.WARNING, "single-instance socket " + socket + ": " + e.getMessage());
            }
        }
    }

    private void serve(SocketChannel client) throws IOException {
        // a blocking channel has no read timeout; a peer that connects and says nothing is cut off by a watchdog
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(READ_TIMEOUT_MS);
                client.close();
            } catch (InterruptedException | IOException ignored) {
                // done in time, or already closed
            }
        });
        InputStream in = Channels.newInputStream(client);
        OutputStream out = Channels.newOutputStream(client);
        try {
            LaunchRequest request = InstanceProtocol.read(in);
            deliver(request);
            out.write(InstanceProtocol.answer(null).getBytes(StandardCharsets.UTF_8));
        } catch (InstanceProtocol.InstanceProtocolException e) {
            LOG.log(Level.WARNING, "ignored a malformed request on " + socket + ": " + e.getMessage());
            out.write(InstanceProtocol.answer(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        } finally {
            watchdog.interrupt();
        }
    }

    private void deliver(LaunchRequest request) {
        Consumer<LaunchRequest> h;
        synchronized (this) {
            h = handler;
            if (h == null) {
                pending.add(request);
                return;
            }
        }
        try {
            h.accept(request);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handling a launch request failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.log(Level.FINE, "removing " + socket, e);
        }
    }
}
