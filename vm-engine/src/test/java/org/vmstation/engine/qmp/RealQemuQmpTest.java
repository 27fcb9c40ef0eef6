package org.vmstation.engine.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Talks to a real QEMU without a guest ({@code -machine none -S}): the handshake, status, pause and
 * resume events, an error reply, a large reply and quit. Needs qemu-system-x86_64 on the PATH.
 *
 * <p>Run with {@code -Dqmp.transcript.out=FILE} to save the bytes QEMU sent, which is how
 * {@code qmp/qemu-session.transcript} was produced.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealQemuQmpTest {

    private static final String QEMU = "qemu-system-x86_64";

    @Test
    void fullSessionWithRealQemu(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("qmp.sock");
        Process qemu = startQemu(socket, dir.resolve("qemu.log"));
        try {
            RecordingTransport recorder = new RecordingTransport(UnixSocketTransport.connect(socket, Duration.ofSeconds(20)));
            QmpClient client = QmpClient.over(recorder);
            List<QmpEvent> events = new CopyOnWriteArrayList<>();
            client.addEventListener(events::add);

            assertThat(client.greeting().isAtLeast(7, 2))
                    .as("QEMU version %s should be at least 7.2", client.greeting().version()).isTrue();
            assertThat(client.greeting().capabilities()).contains("oob");
            assertThat(client.queryVersion().path("qemu").path("major").asInt()).isEqualTo(client.greeting().major());

            QmpStatus before = client.queryStatus();
            assertThat(before.status()).isIn("prelaunch", "paused");
            assertThat(before.running()).isFalse();

            client.cont();
            assertThat(client.queryStatus()).isEqualTo(new QmpStatus("running", true));
            client.stop();
            assertThat(client.queryStatus().running()).isFalse();

            assertThatThrownBy(() -> client.deviceDel("dév{\"}"))
                    .isInstanceOfSatisfying(QmpCommandException.class, e -> {
                        assertThat(e.errorClass()).isEqualTo("DeviceNotFound");
                        assertThat(e.description()).contains("dév{\"}");
                        assertThat(e.command()).isEqualTo("device_del");
                    });
            assertThat(client.isConnected()).isTrue();

            // A reply of several KiB, larger than one read buffer fill from a fresh connection.
            assertThat(client.call("query-commands", Map.of()).size()).isGreaterThan(100);

            client.quit();
            assertThat(qemu.waitFor(20, TimeUnit.SECONDS)).as("QEMU exits after quit").isTrue();
            assertThat(qemu.exitValue()).isZero();
            QmpDisconnectedException reason = client.disconnected().get(10, TimeUnit.SECONDS);
            assertThat(reason).hasMessageContaining(QmpDisconnectedException.PEER_CLOSED);
            assertThat(client.isConnected()).isFalse();
            assertThatThrownBy(client::queryStatus).isInstanceOf(QmpDisconnectedException.class);

            assertThat(events).extracting(QmpEvent::name)
                    .containsExactly(QmpEvent.RESUME, QmpEvent.STOP, QmpEvent.SHUTDOWN);
            QmpEvent shutdown = events.get(2);
            assertThat(shutdown.byGuest()).isFalse();
            assertThat(shutdown.reason()).isEqualTo("host-qmp-quit");
            assertThat(shutdown.timestamp()).isAfter(events.get(0).timestamp().minusSeconds(1));

            byte[] transcript = recorder.received();
            // greeting + 10 replies + RESUME, STOP, SHUTDOWN
            assertThat(framesOf(transcript).size()).isEqualTo(14);
            String out = System.getProperty("qmp.transcript.out");
            if (out != null && !out.isBlank()) {
                Files.write(Path.of(out), transcript);
                Files.write(Path.of(out + ".sent"), recorder.sent());
            }
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectWaitsForQemuToCreateTheSocket(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("late.sock");
        // Connect is started first; QEMU creates the socket only once it has started up.
        var connecting = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> QmpClient.connect(socket, Duration.ofSeconds(30)));
        Thread.sleep(300);
        Process qemu = startQemu(socket, dir.resolve("qemu.log"));
        try {
            QmpClient client = connecting.get(40, TimeUnit.SECONDS);
            assertThat(client.queryStatus().running()).isFalse();
            client.close();
            assertThat(client.isConnected()).isFalse();
            assertThat(client.disconnected().get(5, TimeUnit.SECONDS)).hasMessageContaining("closed by this client");
            assertThat(qemu.isAlive()).as("closing the client leaves QEMU running").isTrue();
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process startQemu(Path socket, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(QEMU, "-machine", "none", "-nodefaults", "-display", "none", "-S",
                "-qmp", "unix:" + socket + ",server=on,wait=off"));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException(QEMU + " could not be started (" + e.getMessage()
                    + "); these tests need it on the PATH: install the Debian package qemu-system-x86", e);
        }
    }

    private static List<ObjectNode> framesOf(byte[] bytes) {
        QmpMessageCodec codec = new QmpMessageCodec(QmpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES);
        List<ObjectNode> frames = new ArrayList<>();
        new QmpFrameDecoder().feed(bytes, frame -> frames.add(codec.decode(frame)));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).endsWith("\r\n");
        return frames;
    }
}
