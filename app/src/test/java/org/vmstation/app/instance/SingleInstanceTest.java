package org.vmstation.app.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The single-instance socket with real UNIX sockets: claim, hand-over, stale takeover, hostile peers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SingleInstanceTest {
    @TempDir Path dir;

    private Path socket() { return dir.resolve("run").resolve(SingleInstance.SOCKET_NAME); }

    @Test
    void firstLaunchListensAndSecondHandsItsRequestOver() throws Exception {
        SingleInstance.Claim first = SingleInstance.claim(socket(), LaunchRequest.empty(), Duration.ofSeconds(5));
        assertThat(first).isInstanceOf(SingleInstance.Primary.class);
        assertThat(Files.getPosixFilePermissions(socket().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (InstanceServer server = ((SingleInstance.Primary) first).server()) {
            LinkedBlockingQueue<LaunchRequest> got = new LinkedBlockingQueue<>();
            server.setHandler(got::add);
            LaunchRequest request = new LaunchRequest(List.of(Path.of("/home/me/vm one.ova"), Path.of("/tmp/ünïcode.vmx")), "Demo");
            assertThat(SingleInstance.claim(socket(), request, Duration.ofSeconds(5))).isInstanceOf(SingleInstance.HandedOver.class);
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo(request);
        }
        assertThat(socket()).doesNotExist();
    }

    @Test
    void requestsBeforeTheWindowIsReadyWaitForTheHandler() throws Exception {
        try (InstanceServer server = ((SingleInstance.Primary) SingleInstance.claim(socket(), LaunchRequest.empty(), Duration.ofSeconds(5))).server()) {
            LaunchRequest early = new LaunchRequest(List.of(), "Early VM");
            assertThat(SingleInstance.claim(socket(), early, Duration.ofSeconds(5))).isInstanceOf(SingleInstance.HandedOver.class);
            LinkedBlockingQueue<LaunchRequest> got = new LinkedBlockingQueue<>();
            server.setHandler(got::add);
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo(early);
        }
    }

    @Test
    void staleSocketOfACrashedWindowIsTakenOver() throws Exception {
        Files.createDirectories(socket().getParent());
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket()));
        dead.close(); // the file stays behind, as after a crash
        assertThat(socket()).exists();

        SingleInstance.Claim claim = SingleInstance.claim(socket(), LaunchRequest.empty(), Duration.ofSeconds(5));
        assertThat(claim).isInstanceOf(SingleInstance.Primary.class);
        try (InstanceServer server = ((SingleInstance.Primary) claim).server()) {
            LinkedBlockingQueue<LaunchRequest> got = new LinkedBlockingQueue<>();
            server.setHandler(got::add);
            SingleInstance.claim(socket(), new LaunchRequest(List.of(), "X"), Duration.ofSeconds(5));
            assertThat(got.poll(5, TimeUnit.SECONDS).startVm()).isEqualTo("X");
        }
    }

    @Test
    void malformedRequestGetsAnErrorAndTheServerCarriesOn() throws Exception {
        try (InstanceServer server = ((SingleInstance.Primary) SingleInstance.claim(socket(), LaunchRequest.empty(), Duration.ofSeconds(5))).server()) {
            LinkedBlockingQueue<LaunchRequest> got = new LinkedBlockingQueue<>();
            server.setHandler(got::add);
            try (SocketChannel peer = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
                Channels.newOutputStream(peer).write("{\"type\":\"hello\",\"version\":1}\n{\"type\":\"import\",\"file\":\"relative/x.ova\"}\n"
                        .getBytes(StandardCharsets.UTF_8));
                assertThat(InstanceProtocol.readAnswer(Channels.newInputStream(peer))).contains("absolute path");
            }
            // a peer that connects and says nothing is cut off, and the next launch is still served
            try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
                assertThat(SingleInstance.claim(socket(), new LaunchRequest(List.of(), "After"), Duration.ofSeconds(15)))
                        .isInstanceOf(SingleInstance.HandedOver.class);
            }
            assertThat(got.poll(5, TimeUnit.SECONDS).startVm()).isEqualTo("After");
            assertThat(got).isEmpty();
        }
    }

    @Test
    void requestSurvivesEverySplitOfItsBytes() throws Exception {
        LaunchRequest request = new LaunchRequest(List.of(Path.of("/a/b c.ova")), "Web \"server\"");
        byte[] bytes = InstanceProtocol.encode(request).getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            InputStream in = new SequenceInputStream(new ByteArrayInputStream(bytes, 0, split),
                    new ByteArrayInputStream(bytes, split, bytes.length - split));
            assertThat(InstanceProtocol.read(in)).isEqualTo(request);
        }
    }

    @Test
    void hostileRequestsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> read("{\"type\":\"hello\",\"version\":2}\n")).hasMessageContaining("version");
        assertThatThrownBy(() -> read("not json\n")).hasMessageContaining("line 1 is not JSON");
        assertThatThrownBy(() -> read("{\"type\":\"hello\",\"version\":1}\n{\"type\":\"start\",\"vm\":\"a\"}\n{\"type\":\"start\",\"vm\":\"b\"}\n"))
                .hasMessageContaining("a second 'start'");
        assertThatThrownBy(() -> read("{\"type\":\"hello\",\"version\":1}\n{\"type\":\"rm\"}\n")).hasMessageContaining("unknown type 'rm'");
        assertThatThrownBy(() -> read("{\"type\":\"hello\",\"version\":1}\n{\"type\":\"start\",\"vm\":42}\n")).hasMessageContaining("'vm' must be non-empty text");
        assertThatThrownBy(() -> read("{\"type\":\"hello\"," + "x".repeat(InstanceProtocol.MAX_LINE) + "\n")).hasMessageContaining("longer than");
        String many = "{\"type\":\"hello\",\"version\":1}\n" + String.join("", Collections.nCopies(InstanceProtocol.MAX_LINES, "{\"type\":\"import\",\"file\":\"/x\"}\n"));
        assertThatThrownBy(() -> read(many)).hasMessageContaining("without an 'end'");
        assertThatThrownBy(() -> read("{\"type\":\"hello\",\"version\":1}\n")).hasMessageContaining("closed in the middle");
    }

    private static LaunchRequest read(String s) throws Exception {
        return InstanceProtocol.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }
}
