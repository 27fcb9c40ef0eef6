package org.vmstation.engine.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The correlation layer: sends commands with unique ids, matches replies to them, routes events to
 * the {@link QmpEventDispatcher} and fails everything outstanding when the connection ends.
 *
 * <p>One daemon reader thread per connection owns the transport's input and the frame decoder.
 * Writes are serialized by a lock. Futures are completed on the reader thread, so stages chained
 * onto them without an executor must not block.
 */
final class QmpConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(QmpConnection.class.getName());

    private static final int READ_BUFFER_BYTES = 64 * 1024;

    /** One timer thread for all connections: it only completes futures, it never blocks. */
    private static final ScheduledThreadPoolExecutor TIMEOUTS = createTimer();

    private record Pending(String command, CompletableFuture<JsonNode> reply) { }

    private final QmpTransport transport;
    private final QmpFrameDecoder decoder;
    private final QmpMessageCodec codec;
    private final QmpEventDispatcher events;
    private final Thread reader;
    private final Object writeLock = new Object();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final CompletableFuture<QmpGreeting> greeting = new CompletableFuture<>();
    private final CompletableFuture<QmpDisconnectedException> disconnected = new CompletableFuture<>();
    private volatile QmpDisconnectedException closedBecause;

    QmpConnection(QmpTransport transport, int maxMessageBytes) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.decoder = new QmpFrameDecoder(maxMessageBytes);
        this.codec = new QmpMessageCodec(maxMessageBytes);
        this.events = new QmpEventDispatcher(transport.name());
        this.reader = Thread.ofPlatform().daemon().name("qmp-reader-" + transport.name()).unstarted(this::readLoop);
    }

    void start() {
        events.start();
        reader.start();
    }

    String peerName() {
        return transport.name();
    }

    /** Completes with QEMU's greeting, or exceptionally if the first message is not one or the connection ends first. */
    CompletableFuture<QmpGreeting> greeting() {
        return greeting;
    }

    /** Completes (never exceptionally) with the reason once the connection has ended. */
    CompletableFuture<QmpDisconnectedException> disconnected() {
        return disconnected;
    }

    boolean isOpen() {
        return closedBecause == null;
    }

    boolean isReaderThread() {
        return Thread.currentThread() == reader;
    }

    void addListener(QmpEventListener listener) {
        events.addListener(Objects.requireNonNull(listener, "listener"));
    }

    void removeListener(QmpEventListener listener) {
        events.removeListener(listener);
    }

    /**
     * Sends {@code {"execute": command, "arguments": args, "id": ...}}.
     *
     * @return completes with the "return" value, or exceptionally with {@link QmpCommandException},
     *         {@link QmpTimeoutException} or {@link QmpDisconnectedException}
     */
    CompletableFuture<JsonNode> execute(String command, Map<String, ?> args, Duration timeout) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("QMP command name must not be blank, got '" + command + "'");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout for '" + command + "' must be positive, got " + timeout);
        }
        ObjectNode message = codec.newObject();
        message.put("execute", command);
        if (args != null && !args.isEmpty()) {
            JsonNode arguments;
            try {
                arguments = codec.toTree(args);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("arguments of '" + command + "' cannot be sent as JSON: " + e.getMessage(), e);
            }
            message.set("arguments", arguments);
        }
        String id = "vms-" + nextId.getAndIncrement();
        message.put("id", id);
        byte[] bytes = codec.encode(message);

        Pending entry = new Pending(command, new CompletableFuture<>());
        pending.put(id, entry);
        // Whoever completes the future (reply, timeout, disconnect, caller's cancel) also unregisters it.
        entry.reply().whenComplete((value, error) -> pending.remove(id, entry));
        QmpDisconnectedException reason = closedBecause;
        if (reason != null) {
            // Closed before or while we registered: shutdown may already have drained the map.
            entry.reply().completeExceptionally(noReply(command, reason));
            return entry.reply();
        }
        ScheduledFuture<?> timer = TIMEOUTS.schedule(
                () -> entry.reply().completeExceptionally(new QmpTimeoutException(command, timeout, transport.name())),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        entry.reply().whenComplete((value, error) -> timer.cancel(false));
        try {
            synchronized (writeLock) {
                transport.write(bytes);
            }
        } catch (IOException e) {
            shutdown(new QmpDisconnectedException("Lost the monitor connection " + transport.name()
                    + " while sending '" + command + "': " + e.getMessage(), e));
        }
        return entry.reply();
    }

    @Override
    public void close() {
        shutdown(new QmpDisconnectedException("The monitor connection " + transport.name() + " was closed by this client", null));
    }

    private void readLoop() {
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        try {
            while (true) {
                int n = transport.read(buffer);
                if (n < 0) {
                    String partial = decoder.isBetweenMessages() ? "" : " in the middle of a message";
                    shutdown(new QmpDisconnectedException(QmpDisconnectedException.PEER_CLOSED + partial
                            + " [" + transport.name() + "]", partial.isEmpty() ? null : new EOFException("end of stream" + partial)));
                    return;
                }
                decoder.feed(buffer, 0, n, this::onFrame);
            }
        } catch (QmpProtocolException e) {
            LOG.log(Level.WARNING, "Closing QMP connection " + transport.name() + ": " + e.getMessage());
            shutdown(new QmpDisconnectedException("Closed the monitor connection " + transport.name()
                    + " because QEMU sent a malformed message: " + e.getMessage(), e));
        } catch (IOException e) {
            if (isConnectionReset(e)) {
                // The peer exited with bytes of ours unread: to us that is the same as a plain close.
                shutdown(new QmpDisconnectedException(QmpDisconnectedException.PEER_CLOSED + " [" + transport.name() + "]", e));
            } else if (closedBecause == null) {
                shutdown(new QmpDisconnectedException("Lost the monitor connection " + transport.name() + ": " + e.getMessage(), e));
            }
        } catch (RuntimeException | Error e) {
            // A bug of ours must end this connection, not vanish with the thread and leave callers waiting.
            LOG.log(Level.ERROR, "QMP reader " + transport.name() + " failed", e);
            shutdown(new QmpDisconnectedException("The monitor connection " + transport.name() + " failed: " + e, e));
            if (e instanceof VirtualMachineError vmError) {
                throw vmError;
            }
        }
    }

    private void onFrame(byte[] frame) {
        ObjectNode message = codec.decode(frame);
        if (!greeting.isDone()) {
            greeting.complete(QmpGreeting.fromMessage(message));
            return;
        }
        if (message.has("event")) {
            events.dispatch(QmpEvent.fromMessage(message, Instant.now()));
        } else if (message.has("return") || message.has("error")) {
            onReply(message);
        } else {
            throw new QmpProtocolException("message is neither a reply nor an event: " + QmpMessageCodec.preview(frame));
        }
    }

    private void onReply(ObjectNode message) {
        JsonNode id = message.get("id");
        if (id == null) {
            // QEMU omits the id only when it could not read our command at all: the streams are out of step.
            throw new QmpProtocolException("reply without an 'id' (QEMU could not parse a command?): " + message);
        }
        JsonNode error = message.get("error");
        String errorClass = error == null ? "" : error.path("class").asText("");
        String desc = error == null ? "" : error.path("desc").asText("");
        if (error != null && errorClass.isEmpty() && desc.isEmpty()) {
            // Checked before the command is unregistered, so that the shutdown fails it too.
            throw new QmpProtocolException("error reply without 'class' or 'desc': " + message);
        }
        Pending entry = id.isTextual() ? pending.remove(id.asText()) : null;
        if (entry == null) {
            LOG.log(Level.DEBUG, "Ignoring QMP reply with unknown id {0} on {1} (its command timed out?)", id, transport.name());
            return;
        }
        if (error != null) {
            entry.reply().completeExceptionally(new QmpCommandException(errorClass, desc, entry.command()));
        } else {
            entry.reply().complete(message.get("return"));
        }
    }

    private static boolean isConnectionReset(IOException e) {
        String message = e.getMessage();
        return e instanceof java.net.SocketException && message != null
                && (message.contains("Connection reset") || message.contains("Broken pipe"));
    }

    /** Ends the connection once; later calls are no-ops. */
    private void shutdown(QmpDisconnectedException reason) {
        synchronized (this) {
            if (closedBecause != null) {
                return;
            }
            closedBecause = reason;
        }
        try {
            transport.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Closing QMP transport " + transport.name() + " failed", e);
        }
        greeting.completeExceptionally(reason);
        List<Pending> outstanding = new ArrayList<>(pending.values());
        for (Pending entry : outstanding) {
            entry.reply().completeExceptionally(noReply(entry.command(), reason));
        }
        events.disconnected(reason);
        disconnected.complete(reason);
    }

    private static QmpDisconnectedException noReply(String command, QmpDisconnectedException reason) {
        return new QmpDisconnectedException("'" + command + "' got no reply: " + reason.getMessage(), reason);
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("qmp-timeouts").factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
