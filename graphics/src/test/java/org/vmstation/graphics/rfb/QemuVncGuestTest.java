package org.vmstation.graphics.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;
import org.vmstation.graphics.rfb.protocol.Encodings;

/** Talks to a real QEMU VNC server on a UNIX socket. */
@Tag("guest")
class QemuVncGuestTest {

    @TempDir
    Path dir;

    @Test
    void pausedVmShowsTheSameScreenOverRawAndZrle() throws Exception {
        try (QemuVncServer qemu = QemuVncServer.start(dir, true);
             RfbSession zrle = RfbClient.connect(qemu.socket(), RfbClientOptions.defaults());
             RfbSession raw = RfbClient.connect(qemu.socket(),
                     RfbClientOptions.defaults().withPixelEncodings(Encodings.RAW))) {
            assertThat(zrle.serverInit().protocolVersion()).isEqualTo("3.8");
            assertThat(zrle.framebufferSize()).isEqualTo(new FramebufferSize(640, 480));
            assertThat(zrle.awaitUpdates(1, Duration.ofSeconds(20))).isTrue();
            assertThat(raw.awaitUpdates(1, Duration.ofSeconds(20))).isTrue();

            // QEMU may draw its text a moment after the first update: wait until both clients agree on it.
            long deadline = System.currentTimeMillis() + 20_000;
            FramebufferSnapshot a = zrle.snapshot();
            FramebufferSnapshot b = raw.snapshot();
            while (!(a.nonBlackPixels() > 500 && java.util.Arrays.equals(a.argb(), b.argb()))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                a = zrle.snapshot();
                b = raw.snapshot();
            }
            assertThat(a.nonBlackPixels()).as("QEMU's 'display not initialized' text").isGreaterThan(500);
            RecordedSessionReplayTest.assertSamePixels(b, a);

            FramebufferSnapshot oneShot = RfbScreenshots.capture(qemu.socket(), Duration.ofSeconds(20));
            assertThat(oneShot.width()).isEqualTo(640);
            assertThat(oneShot.nonBlackPixels()).isGreaterThan(500);
            FramebufferSnapshot thumb = oneShot.scaledToFit(160, 160);
            assertThat(thumb.width()).isEqualTo(160);
            assertThat(thumb.height()).isEqualTo(120);
            assertThat(thumb.nonBlackPixels()).isGreaterThan(0);
        }
    }

    @Test
    void runningVmShowsSeabiosTextAndAcceptsInput() throws Exception {
        try (QemuVncServer qemu = QemuVncServer.start(dir, false);
             RfbSession session = RfbClient.connect(qemu.socket(), RfbClientOptions.defaults())) {
            assertThat(session.serverInit().name()).isEqualTo("QEMU");
            assertThat(session.awaitUpdates(1, Duration.ofSeconds(20))).isTrue();

            long deadline = System.currentTimeMillis() + 20_000;
            FramebufferSnapshot shot = session.snapshot();
            while (!(shot.width() == 720 && shot.nonBlackPixels() > 2000) && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
                shot = session.snapshot();
            }
            session.writePng(Path.of("target", "qemu-seabios-console.png"));
            assertThat(shot.width()).as("SeaBIOS text mode width").isEqualTo(720);
            assertThat(shot.height()).isEqualTo(400);
            assertThat(shot.nonBlackPixels()).as("SeaBIOS boot messages").isGreaterThan(2000);

            assertThat(session.supportsExtendedKeyEvents()).isTrue();
            assertThat(session.sendScancode(0x1C, true)).isTrue();   // Enter
            assertThat(session.sendScancode(0x1C, false)).isTrue();
            assertThat(session.sendKey(0xFF52, 0xC8, true)).isTrue(); // Up arrow (E0 48)
            assertThat(session.sendKey(0xFF52, 0xC8, false)).isTrue();
            session.sendPointer(100, 100, 0);
            session.sendPointer(100, 100, 1);
            session.sendPointer(100, 100, 0);
            session.sendClipboard("hello");

            assertThat(session.supportsResize()).isTrue();
            assertThat(session.requestResize(800, 600)).isTrue();
            long before = session.updatesReceived();
            assertThat(session.awaitUpdates(before + 2, Duration.ofSeconds(10))).isTrue();
            // Std VGA cannot change mode on request, but the server must stay connected and keep updating.
            assertThat(session.isOpen()).as("closed: " + session.closeReason()).isTrue();
        }
    }
}
