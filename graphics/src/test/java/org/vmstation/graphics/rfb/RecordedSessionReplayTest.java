package org.vmstation.graphics.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;
import org.vmstation.graphics.rfb.protocol.Encodings;

/**
 * Replays byte streams recorded from real QEMU sessions and checks the decoded screen is pixel-identical to
 * what the live session showed, however the stream is split.
 */
class RecordedSessionReplayTest {

    private static final RfbClientOptions ZRLE = RfbClientOptions.defaults();
    private static final RfbClientOptions RAW = RfbClientOptions.defaults().withPixelEncodings(Encodings.RAW);

    private final byte[] seabios = Replay.resource("qemu-seabios-zrle.bin");
    private final byte[] pausedZrle = Replay.resource("qemu-paused-zrle.bin");
    private final byte[] pausedRaw = Replay.resource("qemu-paused-raw.bin.gz");

    @Test
    void seabiosSessionDecodesToTheScreenTheLiveSessionShowed() throws Exception {
        Replay replay = Replay.run(seabios, new int[0], ZRLE);

        assertThat(replay.protocol.serverInit().name()).isEqualTo("QEMU");
        assertThat(replay.protocol.serverInit().protocolVersion()).isEqualTo("3.8");
        // SeaBIOS had not yet enabled the USB tablet, so QEMU still reported a relative pointer.
        assertThat(replay.events).contains("resize 720x400", "pointer RELATIVE");
        assertThat(replay.protocol.supportsExtendedKeyEvents()).isTrue();
        assertThat(replay.protocol.supportsDesktopResize()).isTrue();
        assertSamePixels(replay.snapshot(), Replay.png("qemu-seabios-zrle.png"));
        assertThat(replay.snapshot().nonBlackPixels()).isGreaterThan(1000);
    }

    @Test
    void pausedScreenIsIdenticalInRawAndZrle() throws Exception {
        FramebufferSnapshot expected = Replay.png("qemu-paused.png");
        assertSamePixels(Replay.run(pausedZrle, new int[0], ZRLE).snapshot(), expected);
        assertSamePixels(Replay.run(pausedRaw, new int[0], RAW).snapshot(), expected);
        assertThat(expected.nonBlackPixels()).isGreaterThan(500);
    }

    @Test
    void clientRepliesMatchTheHandshakeAndRequestUpdatesAfterEachOne() throws Exception {
        Replay replay = Replay.run(pausedZrle, new int[0], ZRLE);

        assertThat(new String(replay.sent.get(0))).isEqualTo("RFB 003.008\n");
        assertThat(replay.sent.get(1)).containsExactly(1); // security None
        assertThat(replay.sent.get(2)).containsExactly(1); // ClientInit shared
        assertThat(replay.sent.get(3)[0]).isEqualTo((byte) 0); // SetPixelFormat
        assertThat(replay.sent.get(4)[0]).isEqualTo((byte) 2); // SetEncodings
        long requests = replay.sent.stream().filter(m -> m[0] == 3).count();
        assertThat(requests).isEqualTo(replay.protocol.updateMessages() + 1);
        assertThat(replay.protocol.updatesCompleted()).isPositive().isLessThan(replay.protocol.updateMessages());
    }

    @Test
    void everyTwoWaySplitOfTheSeabiosSessionDecodesIdentically() throws Exception {
        Replay whole = Replay.run(seabios, new int[0], ZRLE);
        for (int cut = 1; cut < seabios.length; cut++) {
            assertSameResult(Replay.run(seabios, new int[] {cut}, ZRLE), whole, "cut at " + cut);
        }
    }

    @Test
    void everyTwoWaySplitOfThePausedZrleSessionDecodesIdentically() throws Exception {
        Replay whole = Replay.run(pausedZrle, new int[0], ZRLE);
        for (int cut = 1; cut < pausedZrle.length; cut++) {
            assertSameResult(Replay.run(pausedZrle, new int[] {cut}, ZRLE), whole, "cut at " + cut);
        }
    }

    @Test
    void oneByteAtATimeDecodesIdentically() throws Exception {
        assertSameResult(Replay.run(seabios, everyPosition(seabios.length), ZRLE),
                Replay.run(seabios, new int[0], ZRLE), "one byte at a time");
        assertSameResult(Replay.run(pausedRaw, everyPosition(pausedRaw.length), RAW),
                Replay.run(pausedRaw, new int[0], RAW), "raw one byte at a time");
    }

    @Test
    void randomSplitsDecodeIdentically() throws Exception {
        Random random = new Random(20240601);
        Replay seabiosWhole = Replay.run(seabios, new int[0], ZRLE);
        Replay rawWhole = Replay.run(pausedRaw, new int[0], RAW);
        for (int i = 0; i < 200; i++) {
            int[] cuts = randomCuts(random, seabios.length, 1 + random.nextInt(40));
            assertSameResult(Replay.run(seabios, cuts, ZRLE), seabiosWhole, "cuts " + Arrays.toString(cuts));
        }
        for (int i = 0; i < 20; i++) {
            int[] cuts = randomCuts(random, pausedRaw.length, 1 + random.nextInt(400));
            assertSameResult(Replay.run(pausedRaw, cuts, RAW), rawWhole, "raw cuts " + Arrays.toString(cuts));
        }
    }

    private static int[] everyPosition(int length) {
        int[] cuts = new int[Math.max(0, length - 1)];
        for (int i = 0; i < cuts.length; i++) cuts[i] = i + 1;
        return cuts;
    }

    private static int[] randomCuts(Random random, int length, int count) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int i = 0; i < count; i++) cuts.add(1 + random.nextInt(length - 1));
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void assertSameResult(Replay actual, Replay expected, String how) {
        assertThat(actual.events).as(how).isEqualTo(expected.events);
        List<String> actualSent = actual.sent.stream().map(Arrays::toString).toList();
        List<String> expectedSent = expected.sent.stream().map(Arrays::toString).toList();
        assertThat(actualSent).as(how).isEqualTo(expectedSent);
        assertSamePixels(actual.snapshot(), expected.snapshot());
    }

    static void assertSamePixels(FramebufferSnapshot actual, FramebufferSnapshot expected) {
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.height()).isEqualTo(expected.height());
        for (int i = 0; i < actual.argb().length; i++) {
            if ((actual.argb()[i] | 0xFF000000) != (expected.argb()[i] | 0xFF000000)) {
                throw new AssertionError("pixel " + (i % actual.width()) + "," + (i / actual.width()) + " is "
                        + Integer.toHexString(actual.argb()[i]) + ", expected " + Integer.toHexString(expected.argb()[i]));
            }
        }
    }
}
