package org.vmstation.engine.qmp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in QMP server on a real UNIX socket, driven step by step by a test: it accepts one
 * client, optionally greets it and answers qmp_capabilities, queues every other command it
 * receives and sends whatever bytes the test tells it to.
 */
final class ScriptedQmpPeer implements AutoCloseable {

    static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 1, \"minor\": 2, \"major\": 8}, "
            + "\"package\": \"scripted\"}, \"capabilities\": [\"oob\"]}}\r\n";

    private final Path socket;
    private final ServerSocketChannel server;
    private final boolean autoHandshake;
    private final CompletableFuture<SocketChannel> client = new CompletableFuture<>();
    private final BlockingQueue<ObjectNode> commands = new LinkedBlockingQueue<>();
    private final QmpMessageCodec codec = new QmpMessageCodec(QmpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES);

    private ScriptedQmpPeer(Path socket, boolean autoHandshake) throws IOException {
        this.socket = socket;
        this.autoHandshake = autoHandshake;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().name("scripted-peer-" + socket.getFileName()).start(this::serve);
    }

    /** Listens on {@code socket}; greets the client and answers qmp_capabilities by itself. */
    static ScriptedQmpPeer listen(Path socket) throws IOException {
        return new ScriptedQmpPeer(socket, true);
    }

    /** Listens on {@code socket} and sends nothing until told to. */
    static ScriptedQmpPeer listenSilently(Path socket) throws IOException {
        return new ScriptedQmpPeer(socket, false);
    }

    Path socket() {
        return socket;
    }

    private void serve() {
        try {
            SocketChannel channel = server.accept();
            client.complete(channel);
            if (autoHandshake) {
                write(channel, GREETING.getBytes(StandardCharsets.UTF_8));
            }
            QmpFrameDecoder decoder = new QmpFrameDecoder();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer.clear()) >= 0) {
                decoder.feed(buffer.array(), 0, buffer.position(), frame -> onCommand(channel, codec.decode(frame)));
            }
        } catch (IOException e) {
            client.completeExceptionally(e);
        }
    }

    private void onCommand(SocketChannel channel, ObjectNode command) {
        if (autoHandshake && "qmp_capabilities".equals(command.path("execute").asText())) {
            try {
                write(channel, reply(command.path("id").asText(), "{}").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        commands.add(command);
    }

    /** The next command the client sent (other than the automatic handshake). */
    ObjectNode nextCommand() throws InterruptedException {
        ObjectNode command = commands.poll(10, TimeUnit.SECONDS);
        if (command == null) {
            throw new AssertionError("the client sent no command within 10 s");
        }
        return command;
    }

    /** Sends text as-is (no newline added). */
    void sendRaw(String text) throws IOException {
        sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        write(connected(), bytes);
    }

    /** Sends a JSON message followed by CR LF, as QEMU does. */
    void send(String json) throws IOException {
        sendRaw(json + "\r\n");
    }

    void sendReturn(ObjectNode command, String returnJson) throws IOException {
        sendRaw(reply(command.path("id").asText(), returnJson));
    }

    void sendError(ObjectNode command, String errorClass, String desc) throws IOException {
        send("{\"id\": \"" + command.path("id").asText() + "\", \"error\": {\"class\": \"" + errorClass
                + "\", \"desc\": \"" + desc + "\"}}");
    }

    static String event(String name, String dataJson) {
        return "{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 250000}, \"event\": \"" + name + "\""
                + (dataJson == null ? "" : ", \"data\": " + dataJson) + "}";
    }

    private static String reply(String id, String returnJson) {
        return "{\"return\": " + returnJson + ", \"id\": \"" + id + "\"}\r\n";
    }

    /** Closes the client's connection, like QEMU exiting. */
    void hangUp() throws IOException {
        connected().close();
    }

    private SocketChannel connected() {
        return client.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        synchronized (channel) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    static Duration timeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (client.isDone() && !client.isCompletedExceptionally()) {
            client.join().close();
        }
        Files.deleteIfExists(socket);
    }
}
