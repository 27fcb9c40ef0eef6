package org.vmstation.graphics.rfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.graphics.rfb.protocol.Encodings;

/**
 * A real UNIX socket with a scripted server: the session must deliver malformed input as an
 * {@link RfbProtocolException} to {@code onClosed}, and the recording transport must capture the bytes.
 */
class SocketSessionTest {

    @TempDir
    Path dir;

    /** Serves {@code bytes} once to the first client, then keeps the connection open until it is closed. */
    private CompletableFuture<byte[]> serve(Path socket, byte[] bytes) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (server; SocketChannel client = server.accept()) {
                client.write(ByteBuffer.wrap(bytes));
                ByteBuffer in = ByteBuffer.allocate(4096);
                while (client.read(in) >= 0) {
                    // read until the client hangs up
                }
                in.flip();
                byte[] all = new byte[in.remaining()];
                in.get(all);
                received.complete(all);
            } catch (IOException e) {
                received.completeExceptionally(e);
            }
        });
        return received;
    }

    @Test
    void malformedUpdateClosesTheSessionWithAReason() throws Exception {
        Path socket = dir.resolve("vnc.sock");
        byte[] stream = ServerStream.afterHandshake(1024, 768).update(1).rect(0, 0, 4000, 10, Encodings.RAW).toBytes();
        CompletableFuture<byte[]> clientBytes = serve(socket, stream);
        CompletableFuture<Throwable> closed = new CompletableFuture<>();

        RfbSession session = RfbClient.connect(socket, RfbClientOptions.defaults()
                .withRecording(dir.resolve("recording.bin")));
        session.addListener(new RfbSessionListener() {
            @Override
            public void onClosed(Throwable reason) {
                closed.complete(reason);
            }
        });
        Throwable reason = closed.get(10, TimeUnit.SECONDS);

        assertThat(reason).isInstanceOf(RfbProtocolException.class)
                .hasMessage("Raw rectangle 0,0 4000x10 exceeds framebuffer 1024x768");
        assertThat(session.isOpen()).isFalse();
        assertThat(session.closeReason()).isSameAs(reason);
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("recording.bin"))).isEqualTo(stream);
        clientBytes.get(10, TimeUnit.SECONDS); // the client hung up
    }

    @Test
    void localCloseFlushesQueuedMessagesFirst() throws Exception {
        Path socket = dir.resolve("ok.sock");
        byte[] stream = ServerStream.afterHandshake(2, 1).update(1).rect(0, 0, 2, 1, Encodings.RAW)
                .bytes(new byte[8]).toBytes();
        CompletableFuture<byte[]> clientBytes = serve(socket, stream);
        RfbSession session = RfbClient.connect(socket, RfbClientOptions.defaults());
        assertThat(session.awaitUpdates(1, java.time.Duration.ofSeconds(10))).isTrue();
        session.sendKeysym(0x61, true);
        session.sendKeysym(0x61, false);
        session.close();

        byte[] fromClient = clientBytes.get(10, TimeUnit.SECONDS);
        assertThat(new String(fromClient, 0, 12)).isEqualTo("RFB 003.008\n");
        // ... security, ClientInit, SetPixelFormat, SetEncodings, 2 update requests, then the two key events last.
        byte[] tail = java.util.Arrays.copyOfRange(fromClient, fromClient.length - 16, fromClient.length);
        assertThat(tail).containsExactly(4, 1, 0, 0, 0, 0, 0, 0x61, 4, 0, 0, 0, 0, 0, 0, 0x61);
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void malformedHandshakeFailsConnect() throws Exception {
        Path socket = dir.resolve("bad.sock");
        serve(socket, "SSH-2.0-OpenSSH\r\n".getBytes());
        assertThatThrownBy(() -> RfbClient.connect(socket, RfbClientOptions.defaults()))
                .isInstanceOf(RfbProtocolException.class)
                .hasMessageContaining("not an RFB server");
    }

    @Test
    void missingSocketFailsWithThePath() {
        Path socket = dir.resolve("nothing-here.sock");
        assertThatThrownBy(() -> RfbClient.connect(socket, RfbClientOptions.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(socket.toString());
    }
}
