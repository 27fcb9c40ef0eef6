package org.vmstation.engine.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QmpFrameDecoderTest {

    /** Bytes a real QEMU 7.2 sent in one session; produced by {@link RealQemuQmpTest}. */
    private static byte[] transcript;
    private static List<String> transcriptFrames;

    private final QmpMessageCodec codec = new QmpMessageCodec(QmpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES);

    @BeforeAll
    static void loadTranscript() throws IOException {
        try (InputStream in = QmpFrameDecoderTest.class.getResourceAsStream("/qmp/qemu-7.2-session.received")) {
            assertThat(in).as("test resource qmp/qemu-7.2-session.received").isNotNull();
            transcript = in.readAllBytes();
        }
        transcriptFrames = decodeInChunks(transcript, new int[0]);
    }

    @Test
    void recordedSessionSplitsIntoItsMessages() {
        List<ObjectNode> messages = transcriptFrames.stream()
                .map(f -> codec.decode(f.getBytes(StandardCharsets.UTF_8))).toList();

        assertThat(messages).hasSize(14);
        assertThat(messages.getFirst().path("QMP").path("version").path("qemu").path("major").asInt()).isEqualTo(7);
        assertThat(messages).filteredOn(m -> m.has("event")).extracting(m -> m.get("event").asText())
                .containsExactly("RESUME", "STOP", "SHUTDOWN");
        assertThat(messages).filteredOn(m -> m.has("error")).singleElement()
                .satisfies(m -> assertThat(m.path("error").path("desc").asText()).isEqualTo("Device 'dév{\"}' not found"));
        assertThat(transcriptFrames).anySatisfy(f -> assertThat(f.length()).isGreaterThan(4096));
        // Frames are the exact bytes between the CR LF separators.
        assertThat(String.join("\r\n", transcriptFrames) + "\r\n").isEqualTo(new String(transcript, StandardCharsets.UTF_8));
    }

    @Test
    void recordedSessionSplitAtEveryBytePositionGivesTheSameFrames() {
        for (int split = 0; split <= transcript.length; split++) {
            List<String> frames = decodeInChunks(transcript, new int[] {split});
            if (!frames.equals(transcriptFrames)) {
                throw new AssertionError("split at byte " + split + " changed the frames");
            }
        }
    }

    @Test
    void recordedSessionSplitAtEveryPairOfPositionsAroundMessageBoundaries() {
        // Two cuts near each separator cover "cut inside CR LF" and "cut right after a brace" together.
        List<Integer> boundaries = new ArrayList<>();
        for (int i = 0; i < transcript.length; i++) {
            if (transcript[i] == '\r') {
                boundaries.add(i);
            }
        }
        for (int boundary : boundaries) {
            for (int a = Math.max(0, boundary - 3); a <= Math.min(transcript.length, boundary + 3); a++) {
                for (int b = a; b <= Math.min(transcript.length, boundary + 4); b++) {
                    assertThat(decodeInChunks(transcript, new int[] {a, b})).isEqualTo(transcriptFrames);
                }
            }
        }
    }

    @Test
    void recordedSessionOneByteAtATime() {
        QmpFrameDecoder decoder = new QmpFrameDecoder();
        List<String> frames = new ArrayList<>();
        for (byte b : transcript) {
            decoder.feed(new byte[] {b}, f -> frames.add(new String(f, StandardCharsets.UTF_8)));
        }
        assertThat(frames).isEqualTo(transcriptFrames);
        assertThat(decoder.isBetweenMessages()).isTrue();
    }

    @Test
    void recordedSessionInRandomChunks() {
        Random random = new Random(20240601);
        for (int trial = 0; trial < 500; trial++) {
            int cuts = 1 + random.nextInt(40);
            int[] positions = new int[cuts];
            for (int i = 0; i < cuts; i++) {
                positions[i] = random.nextInt(transcript.length + 1);
            }
            Arrays.sort(positions);
            assertThat(decodeInChunks(transcript, positions)).as("cuts %s", Arrays.toString(positions))
                    .isEqualTo(transcriptFrames);
        }
    }

    @Test
    void stringsWithBracesEscapedQuotesBackslashesAndUnicodeAtEverySplit() {
        String[] messages = {
            "{\"return\": \"}}}{{{\"}",
            "{\"return\": {\"a\": \"\\\"}\\\"\", \"b\": [\"]\", \"[\"]}}",
            "{\"desc\": \"ends with a backslash \\\\\", \"x\": \"{\"}",
            "{\"desc\": \"\\\\\\\"{\"}",
            "{\"desc\": \"unicode é ü 漢字 😀 \\u00e9 \\ud83d\\ude00\"}",
            "{\"nested\": [[[{\"deep\": [1, 2, {\"x\": []}]}]]], \"empty\": {}}",
            "{}",
        };
        String stream = " \r\n" + String.join("\r\n", messages) + "\n\t ";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of(messages);
        for (int split = 0; split <= bytes.length; split++) {
            for (int second = split; second <= bytes.length; second += 7) {
                assertThat(decodeInChunks(bytes, new int[] {split, second})).isEqualTo(expected);
            }
        }
        for (String message : messages) {
            assertThat(codec.decode(message.getBytes(StandardCharsets.UTF_8))).isNotNull();
        }
        assertThat(codec.decode(messages[4].getBytes(StandardCharsets.UTF_8)).path("desc").asText())
                .isEqualTo("unicode é ü 漢字 😀 é 😀");
    }

    @Test
    void largeMessageInRandomChunksIsReassembled() {
        StringBuilder big = new StringBuilder("{\"return\": [");
        for (int i = 0; i < 40_000; i++) {
            big.append(i == 0 ? "" : ", ").append("{\"name\": \"type-").append(i).append(" {\\\"x\\\"}\"}");
        }
        big.append("]}");
        byte[] bytes = (big + "\r\n{\"return\": {}}\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(1_000_000);
        Random random = new Random(7);
        int[] cuts = random.ints(300, 0, bytes.length + 1).sorted().toArray();
        List<String> frames = decodeInChunks(bytes, cuts);
        assertThat(frames).containsExactly(big.toString(), "{\"return\": {}}");
        assertThat(codec.decode(frames.getFirst().getBytes(StandardCharsets.UTF_8)).path("return").size()).isEqualTo(40_000);
    }

    @Test
    void messageOfExactlyTheLimitPassesAndOneByteMoreFails() {
        String atLimit = "{\"a\": \"" + "x".repeat(100 - 9) + "\"}";
        assertThat(atLimit).hasSize(100);
        assertThat(decode(new QmpFrameDecoder(100), atLimit)).containsExactly(atLimit);

        String overLimit = "{\"a\": \"" + "x".repeat(100 - 8) + "\"}";
        QmpFrameDecoder decoder = new QmpFrameDecoder(100);
        assertThatThrownBy(() -> decode(decoder, overLimit))
                .isInstanceOf(QmpProtocolException.class)
                .hasMessageContaining("exceeds the limit of 100 bytes");
    }

    @Test
    void oversizeMessageFailsEvenWhenItNeverEnds() {
        QmpFrameDecoder decoder = new QmpFrameDecoder(1024);
        byte[] chunk = "{\"a\": [".getBytes(StandardCharsets.UTF_8);
        byte[] filler = "1, ".repeat(100).getBytes(StandardCharsets.UTF_8);
        decoder.feed(chunk, f -> { });
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                decoder.feed(filler, f -> { });
            }
        }).isInstanceOf(QmpProtocolException.class).hasMessageContaining("1024");
    }

    @Test
    void defaultLimitIsEightMebibytes() {
        assertThat(QmpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES).isEqualTo(8 * 1024 * 1024);
        QmpFrameDecoder decoder = new QmpFrameDecoder();
        byte[] start = "{\"a\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] filler = new byte[1024 * 1024];
        Arrays.fill(filler, (byte) 'x');
        decoder.feed(start, f -> { });
        for (int i = 0; i < 7; i++) {
            decoder.feed(filler, f -> { });
        }
        assertThatThrownBy(() -> decoder.feed(filler, f -> { }))
                .isInstanceOf(QmpProtocolException.class).hasMessageContaining("8388608");
    }

    @Test
    void garbageBetweenMessagesIsAProtocolErrorNamingTheByteAndOffset() {
        QmpFrameDecoder decoder = new QmpFrameDecoder();
        List<String> frames = new ArrayList<>();
        assertThatThrownBy(() -> decode(decoder, "{\"return\": {}}\r\nOops{}", frames))
                .isInstanceOf(QmpProtocolException.class)
                .hasMessageContaining("0x4F ('O')")
                .hasMessageContaining("offset 16");
        assertThat(frames).containsExactly("{\"return\": {}}");
        // A stream that lost its framing stays failed.
        assertThatThrownBy(() -> decode(decoder, "{}")).isInstanceOf(QmpProtocolException.class)
                .hasMessageContaining("already failed");
        assertThat(decoder.isBetweenMessages()).isFalse();
    }

    @Test
    void topLevelValuesOtherThanObjectsAreRejected() {
        for (String junk : List.of("[1]", "\"text\"", "42", "null", "}", "\u0000", "\u00e9")) {
            assertThatThrownBy(() -> decode(new QmpFrameDecoder(), junk)).as(junk)
                    .isInstanceOf(QmpProtocolException.class).hasMessageContaining("outside a message");
        }
    }

    @Test
    void absurdNestingIsRejectedBeforeParsing() {
        String deep = "{\"a\": " + "[".repeat(QmpFrameDecoder.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> decode(new QmpFrameDecoder(), deep))
                .isInstanceOf(QmpProtocolException.class).hasMessageContaining("nests deeper");
        String allowed = "{\"a\": " + "[".repeat(QmpFrameDecoder.MAX_NESTING_DEPTH - 1)
                + "]".repeat(QmpFrameDecoder.MAX_NESTING_DEPTH - 1) + "}";
        List<String> frames = decode(new QmpFrameDecoder(), allowed);
        assertThat(frames).containsExactly(allowed);
        assertThat(codec.decode(frames.getFirst().getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @Test
    void framesThatAreNotValidJsonAreRejectedByTheCodec() {
        for (String bad : List.of("{\"return\": }", "{\"a\" 1}", "{\"a\": [1}]", "{\"a\": \"\u0001\"}", "{\"a\": NaN}")) {
            List<String> frames = decode(new QmpFrameDecoder(), bad);
            assertThat(frames).as(bad).hasSize(1);
            assertThatThrownBy(() -> codec.decode(frames.getFirst().getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOf(QmpProtocolException.class).hasMessageContaining("malformed JSON");
        }
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> codec.decode(invalidUtf8)).isInstanceOf(QmpProtocolException.class);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new QmpFrameDecoder(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QmpFrameDecoder().feed(new byte[4], 3, 2, f -> { }))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static List<String> decode(QmpFrameDecoder decoder, String text) {
        return decode(decoder, text, new ArrayList<>());
    }

    private static List<String> decode(QmpFrameDecoder decoder, String text, List<String> frames) {
        decoder.feed(text.getBytes(StandardCharsets.UTF_8), f -> frames.add(new String(f, StandardCharsets.UTF_8)));
        return frames;
    }

    /** Feeds {@code bytes} cut at the given sorted positions into a fresh decoder. */
    private static List<String> decodeInChunks(byte[] bytes, int[] cuts) {
        QmpFrameDecoder decoder = new QmpFrameDecoder();
        List<String> frames = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            decoder.feed(bytes, start, cut - start, f -> frames.add(new String(f, StandardCharsets.UTF_8)));
            start = cut;
        }
        decoder.feed(bytes, start, bytes.length - start, f -> frames.add(new String(f, StandardCharsets.UTF_8)));
        assertThat(decoder.isBetweenMessages()).isTrue();
        return frames;
    }
}
