package org.vmstation.graphics.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vmstation.graphics.rfb.protocol.Encodings;

/**
 * Mutates real recordings (bit flips, byte overwrites, insertions, deletions, truncation) with a fixed seed and
 * feeds them in random chunks: the only acceptable failure is an {@link RfbProtocolException}.
 */
class RecordingFuzzTest {

    private static final int ITERATIONS = 2000;

    @Test
    void mutatedRecordingsFailOnlyWithProtocolExceptions() {
        byte[][] seeds = {Replay.resource("qemu-seabios-zrle.bin"), Replay.resource("qemu-paused-zrle.bin")};
        Random random = new Random(0x5EEDL);
        int rejected = 0;
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seeds[i % seeds.length], random);
            int[] cuts = cuts(random, input.length);
            try {
                Replay.run(input, cuts, RfbClientOptions.defaults());
                accepted++;
            } catch (RfbProtocolException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                rejected++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("iteration " + i + " escaped with " + e + " for input of "
                        + input.length + " bytes, cuts " + Arrays.toString(cuts), e);
            }
        }
        // Both outcomes must occur, or the mutations are not exercising the decoders.
        assertThat(rejected).isGreaterThan(ITERATIONS / 10);
        assertThat(accepted).isGreaterThan(0);
    }

    @Test
    void mutatedRawRecordingFailsOnlyWithProtocolExceptions() {
        byte[] seed = Replay.resource("qemu-paused-raw.bin.gz");
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            byte[] input = mutate(seed, random);
            try {
                Replay.run(input, cuts(random, input.length), RfbClientOptions.defaults().withPixelEncodings(Encodings.RAW));
            } catch (RfbProtocolException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] data = seed.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int pos = random.nextInt(data.length);
            switch (random.nextInt(5)) {
                case 0 -> data[pos] ^= (byte) (1 << random.nextInt(8));
                case 1 -> data[pos] = (byte) random.nextInt(256);
                case 2 -> data[pos] = random.nextBoolean() ? (byte) 0xFF : 0;
                case 3 -> {
                    byte[] longer = new byte[data.length + 1];
                    System.arraycopy(data, 0, longer, 0, pos);
                    longer[pos] = (byte) random.nextInt(256);
                    System.arraycopy(data, pos, longer, pos + 1, data.length - pos);
                    data = longer;
                }
                default -> {
                    if (data.length > 2) {
                        byte[] shorter = new byte[data.length - 1];
                        System.arraycopy(data, 0, shorter, 0, pos);
                        System.arraycopy(data, pos + 1, shorter, pos, data.length - pos - 1);
                        data = shorter;
                    }
                }
            }
        }
        if (random.nextInt(10) == 0) data = Arrays.copyOf(data, random.nextInt(data.length) + 1);
        return data;
    }

    private static int[] cuts(Random random, int length) {
        if (length < 2) return new int[0];
        return random.ints(random.nextInt(8), 1, length).sorted().distinct().toArray();
    }
}
