package org.vmstation.engine.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection to one QEMU's QMP monitor: the typed API on top of {@link QmpConnection}.
 *
 * <p>Obtain one with {@link #connect(Path, Duration)} (a UNIX socket from {@code -qmp unix:PATH,server=on,wait=off})
 * or {@link #over(QmpTransport)}; both return only after the greeting was read and capabilities
 * were negotiated. All methods are thread-safe. Blocking methods throw the unchecked
 * {@link QmpCommandException} (QEMU refused), {@link QmpTimeoutException} (no reply in time) or
 * {@link QmpDisconnectedException} (the connection ended, usually because QEMU exited).
 */
public final class QmpClient implements AutoCloseable {

    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final QmpConnection connection;
    private final QmpGreeting greeting;
    private volatile Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

    private QmpClient(QmpConnection connection, QmpGreeting greeting) {
        this.connection = connection;
        this.greeting = greeting;
    }

    /**
     * Connects to QEMU's QMP socket, retrying while QEMU has not created it yet, and negotiates
     * capabilities. {@code timeout} bounds the whole procedure.
     *
     * @throws QmpConnectException if the socket could not be connected in time
     * @throws QmpException        if the handshake failed (no or bad greeting, connection dropped)
     */
    public static QmpClient connect(Path socket, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        UnixSocketTransport transport = UnixSocketTransport.connect(socket, timeout);
        Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(1)));
        return over(transport, left, QmpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** Runs the QMP handshake over an already open transport, waiting up to {@link #DEFAULT_COMMAND_TIMEOUT}. */
    public static QmpClient over(QmpTransport transport) {
        return over(transport, DEFAULT_COMMAND_TIMEOUT, QmpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * Runs the QMP handshake over an already open transport. On failure the transport is closed.
     *
     * @param handshakeTimeout how long to wait for the greeting, and then for the capabilities reply
     * @param maxMessageBytes  largest message accepted from QEMU before the connection is dropped
     */
    public static QmpClient over(QmpTransport transport, Duration handshakeTimeout, int maxMessageBytes) {
        QmpConnection connection = new QmpConnection(transport, maxMessageBytes);
        connection.start();
        try {
            QmpGreeting greeting = await(connection.greeting(), handshakeTimeout, "the QMP greeting", connection);
            await(connection.execute("qmp_capabilities", Map.of(), handshakeTimeout), handshakeTimeout,
                    "qmp_capabilities", connection);
            return new QmpClient(connection, greeting);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** What QEMU announced when the connection opened. */
    public QmpGreeting greeting() {
        return greeting;
    }

    /** Timeout used by commands that are not given one; {@link #DEFAULT_COMMAND_TIMEOUT} initially. */
    public void setCommandTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("command timeout must be positive, got " + timeout);
        }
        this.commandTimeout = timeout;
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * Sends a command without waiting.
     *
     * @param args command arguments (maps, lists, strings, numbers, booleans, Jackson nodes); null or empty for none
     * @return completes with the reply's "return" value, or exceptionally with a {@link QmpException}.
     *         It completes on the reader thread: chain blocking work with an *Async method.
     */
    public CompletableFuture<JsonNode> execute(String command, Map<String, ?> args) {
        return connection.execute(command, args, commandTimeout);
    }

    /** {@link #execute(String, Map)} with its own timeout. */
    public CompletableFuture<JsonNode> execute(String command, Map<String, ?> args, Duration timeout) {
        return connection.execute(command, args, timeout);
    }

    /** Sends a command and waits for its "return" value. */
    public JsonNode call(String command, Map<String, ?> args) {
        if (connection.isReaderThread()) {
            throw new IllegalStateException("call('" + command + "') on the QMP reader thread would wait for itself; "
                    + "use execute() and an *Async continuation");
        }
        return join(connection.execute(command, args, commandTimeout), command);
    }

    /** {@link #call(String, Map)} without arguments. */
    public JsonNode call(String command) {
        return call(command, Map.of());
    }

    public void addEventListener(QmpEventListener listener) {
        connection.addListener(listener);
    }

    public void removeEventListener(QmpEventListener listener) {
        connection.removeListener(listener);
    }

    /** False once the connection ended for any reason. */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /** Completes (never exceptionally) with the reason when the connection ends. */
    public CompletableFuture<QmpDisconnectedException> disconnected() {
        return connection.disconnected();
    }

    /** Closes the connection; QEMU keeps running. Pending commands fail with {@link QmpDisconnectedException}. */
    @Override
    public void close() {
        connection.close();
    }

    // ---- typed commands -------------------------------------------------------------------

    public QmpStatus queryStatus() {
        return QmpStatus.fromReturn(call("query-status"));
    }

    /** Starts or resumes guest CPUs (also leaves the "prelaunch" state of {@code -S}). */
    public void cont() {
        call("cont");
    }

    /** Pauses guest CPUs. */
    public void stop() {
        call("stop");
    }

    /** Hard reset, like the reset button. */
    public void systemReset() {
        call("system_reset");
    }

    /** Presses the ACPI power button; the guest decides whether to shut down. */
    public void systemPowerdown() {
        call("system_powerdown");
    }

    /**
     * Makes QEMU exit. QEMU answers and then closes the socket; a connection that drops before the
     * answer arrives is treated as success, because the process is exiting either way.
     */
    public void quit() {
        try {
            call("quit");
        } catch (QmpDisconnectedException e) {
            // Expected race: QEMU may close the monitor before we read its reply.
        }
    }

    /**
     * Hot-plugs a device.
     *
     * @param props device properties; must include "driver" and "id" (the id is needed to remove it again)
     */
    public void deviceAdd(Map<String, Object> props) {
        Objects.requireNonNull(props, "props");
        for (String required : List.of("driver", "id")) {
            Object value = props.get(required);
            if (!(value instanceof String text) || text.isBlank()) {
                throw new IllegalArgumentException("device_add needs a non-blank string '" + required
                        + "' property; got " + required + "=" + value + " in " + props.keySet());
            }
        }
        call("device_add", props);
    }

    /** Asks for a device to be unplugged; completion is signalled by a {@link QmpEvent#DEVICE_DELETED} event. */
    public void deviceDel(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("device_del needs a device id, got '" + id + "'");
        }
        call("device_del", Map.of("id", id));
    }

    /**
     * Writes the current display to {@code file} (written by the QEMU process, so the path must be
     * writable for it). A name ending in ".png" requests PNG, anything else PPM.
     */
    public void screendump(Path file) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("filename", file.toAbsolutePath().toString());
        if (file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            args.put("format", "png");
        }
        call("screendump", args);
    }

    /** The raw {@code query-version} return value ({"qemu": {"major",...}, "package": ...}). */
    public JsonNode queryVersion() {
        return call("query-version");
    }

    /** Names of all QOM types (device models, machine types, ...) this QEMU binary knows. */
    public List<String> qomListTypes() {
        return qomListTypes(null);
    }

    /** Names of QOM types implementing {@code implementing} (e.g. "pci-device"); null for all. */
    public List<String> qomListTypes(String implementing) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (implementing != null) {
            args.put("implements", implementing);
        }
        JsonNode types = call("qom-list-types", args);
        if (!types.isArray()) {
            throw new QmpProtocolException("qom-list-types returned " + types.getNodeType() + "; expected an array");
        }
        List<String> names = new ArrayList<>(types.size());
        for (JsonNode type : types) {
            JsonNode name = type.get("name");
            if (name != null && name.isTextual()) {
                names.add(name.asText());
            }
        }
        return names;
    }

    /**
     * Presses and releases a key combination, e.g. {@code sendKeys("ctrl", "alt", "delete")}.
     *
     * @param qcodes QEMU QKeyCode names (lower case), pressed in order and released in reverse
     */
    public void sendKeys(String... qcodes) {
        if (qcodes.length == 0) {
            throw new IllegalArgumentException("send-key needs at least one key");
        }
        List<Map<String, String>> keys = new ArrayList<>();
        for (String qcode : qcodes) {
            if (qcode == null || qcode.isBlank()) {
                throw new IllegalArgumentException("send-key got a blank key name in " + List.of(qcodes));
            }
            Map<String, String> key = new LinkedHashMap<>();
            key.put("type", "qcode");
            key.put("data", qcode);
            keys.add(key);
        }
        call("send-key", Map.of("keys", keys));
    }

    // ---- waiting ---------------------------------------------------------------------------

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String what, QmpConnection connection) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new QmpTimeoutException(what, timeout, connection.peerName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException("Interrupted while waiting for " + what + " from " + connection.peerName(), e);
        } catch (ExecutionException e) {
            throw unwrap(e, what);
        }
    }

    private static JsonNode join(CompletableFuture<JsonNode> future, String command) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new QmpException("Interrupted while waiting for the reply to '" + command + "'", e);
        } catch (ExecutionException e) {
            throw unwrap(e, command);
        } catch (CancellationException e) {
            throw new QmpException("'" + command + "' was cancelled", e);
        }
    }

    private static RuntimeException unwrap(ExecutionException e, String what) {
        Throwable cause = e.getCause();
        if (cause instanceof QmpDisconnectedException disconnected && disconnected.getCause() instanceof QmpProtocolException protocol
                && what.equals("the QMP greeting")) {
            // A bad greeting is a protocol problem, not a lost connection: report it as such.
            return new QmpProtocolException(protocol.getMessage(), disconnected);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof IOException io) {
            return new QmpException("I/O error waiting for " + what + ": " + io.getMessage(), io);
        }
        return new QmpException("Failure waiting for " + what + ": " + cause, cause);
    }
}
