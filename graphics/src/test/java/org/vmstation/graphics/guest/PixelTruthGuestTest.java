package org.vmstation.graphics.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;
import org.vmstation.graphics.rfb.FramebufferSize;
import org.vmstation.graphics.rfb.RfbClient;
import org.vmstation.graphics.rfb.RfbClientOptions;
import org.vmstation.graphics.rfb.RfbSession;
import org.vmstation.graphics.testcard.TestCard;

/**
 * Pixel truth: the guest draws its test card; what the RFB client holds equals QEMU's own screendump of the same
 * frame pixel for pixel, and both equal the card, at the start-up resolution and after the client asked the guest
 * for other ones (ExtendedDesktopSize, which virtio-gpu passes on to the guest's driver).
 */
@Tag("guest")
class PixelTruthGuestTest {
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @TempDir Path dir;

    @Test
    void clientFramebufferEqualsScreendumpAtEveryResolution() throws Exception {
        try (ConsoleGuest guest = ConsoleGuest.boot(dir);
             RfbSession session = RfbClient.connect(guest.vncSocket(), RfbClientOptions.defaults())) {
            assertThat(session.awaitUpdates(1, Duration.ofSeconds(30))).isTrue();
            assertSameFrame(guest, session, 1280, 800);

            assertThat(session.supportsResize()).as("QEMU offers ExtendedDesktopSize").isTrue();
            assertThat(session.requestResize(1024, 768)).isTrue();
            assertSameFrame(guest, session, 1024, 768);

            assertThat(session.requestResize(800, 600)).isTrue();
            assertSameFrame(guest, session, 800, 600);
        }
    }

    @Test
    void rawEncodingShowsTheSameCardAtAModeChosenAtBoot() throws Exception {
        try (ConsoleGuest guest = ConsoleGuest.boot(dir, "video=Virtual-1:1024x768");
             RfbSession session = RfbClient.connect(guest.vncSocket(),
                     RfbClientOptions.defaults().withPixelEncodings(org.vmstation.graphics.rfb.protocol.Encodings.RAW))) {
            assertThat(session.awaitUpdates(1, Duration.ofSeconds(30))).isTrue();
            assertSameFrame(guest, session, 1024, 768);
        }
    }

    /** Draws the card and waits until client, screendump and card agree; the guest's flush is asynchronous. */
    private void assertSameFrame(ConsoleGuest guest, RfbSession session, int width, int height) throws Exception {
        waitForSize(session, width, height);
        assertThat(guest.serial().run("vmstation-testcard show", Duration.ofSeconds(60)))
                .anyMatch(l -> l.startsWith("VMSTATION-TESTCARD shown"));
        long deadline = System.nanoTime() + SETTLE.toNanos();
        FramebufferSnapshot dump;
        FramebufferSnapshot client;
        String cardDiff;
        while (true) {
            dump = guest.screendump();
            client = session.snapshot();
            cardDiff = TestCard.differences(dump);
            boolean sameSize = dump.width() == width && dump.height() == height
                    && client.width() == width && client.height() == height;
            if (sameSize && cardDiff == null && Arrays.equals(opaque(client), opaque(dump))) break;
            if (System.nanoTime() > deadline) {
                Files.createDirectories(Path.of("target"));
                dump.writePng(Path.of("target", "pixel-truth-screendump-" + width + "x" + height + ".png"));
                client.writePng(Path.of("target", "pixel-truth-client-" + width + "x" + height + ".png"));
                assertThat(dump.width() + "x" + dump.height()).as("screendump size").isEqualTo(width + "x" + height);
                assertThat(client.width() + "x" + client.height()).as("client framebuffer size").isEqualTo(width + "x" + height);
                assertThat(cardDiff).as("screendump against the test card").isNull();
                assertThat(TestCard.differences(client)).as("client framebuffer against the test card").isNull();
                assertThat(opaque(client)).as("client framebuffer against the screendump").isEqualTo(opaque(dump));
            }
            Thread.sleep(250);
        }
        assertThat(client.nonBlackPixels()).isEqualTo((long) width * height);
    }

    private static void waitForSize(RfbSession session, int width, int height) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!session.framebufferSize().equals(new FramebufferSize(width, height)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(session.framebufferSize()).isEqualTo(new FramebufferSize(width, height));
    }

    private static int[] opaque(FramebufferSnapshot s) {
        int[] p = s.argb().clone();
        for (int i = 0; i < p.length; i++) p[i] |= 0xFF000000;
        return p;
    }
}
