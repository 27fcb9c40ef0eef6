package org.vmstation.graphics.rfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vmstation.graphics.rfb.protocol.Encodings;

/** Hostile or broken server streams end the connection with an {@link RfbProtocolException} naming the problem. */
class MalformedStreamTest {

    private static final RfbClientOptions OPTIONS = RfbClientOptions.defaults();

    private static void assertRejected(ServerStream stream, String expectedMessagePart) {
        byte[] bytes = stream.toBytes();
        assertThatThrownBy(() -> Replay.run(bytes, new int[0], OPTIONS))
                .isInstanceOf(RfbProtocolException.class)
                .hasMessageContaining(expectedMessagePart);
        // The same verdict however the bytes arrive.
        assertThatThrownBy(() -> Replay.run(bytes, everyPosition(bytes.length), OPTIONS))
                .isInstanceOf(RfbProtocolException.class)
                .hasMessageContaining(expectedMessagePart);
    }

    private static int[] everyPosition(int length) {
        int[] cuts = new int[length - 1];
        for (int i = 0; i < cuts.length; i++) cuts[i] = i + 1;
        return cuts;
    }

    @Test
    void rectangleOutsideTheFramebuffer() {
        assertRejected(ServerStream.afterHandshake(1024, 768).update(1).rect(0, 0, 4000, 10, Encodings.RAW),
                "Raw rectangle 0,0 4000x10 exceeds framebuffer 1024x768");
    }

    @Test
    void rectangleOffsetPastTheEdge() {
        assertRejected(ServerStream.afterHandshake(640, 480).update(1).rect(600, 0, 41, 1, Encodings.ZRLE),
                "ZRLE rectangle 600,0 41x1 exceeds framebuffer 640x480");
    }

    @Test
    void encodingThatWasNotRequested() {
        assertRejected(ServerStream.afterHandshake(640, 480).update(1).rect(0, 0, 8, 8, 7),
                "uses encoding 7, which this client did not request");
    }

    @Test
    void copyRectSourceOutsideTheFramebuffer() {
        assertRejected(ServerStream.afterHandshake(640, 480).update(1).rect(0, 0, 10, 10, Encodings.COPY_RECT)
                .u16(635).u16(0), "CopyRect source 635,0 10x10 exceeds framebuffer 640x480");
    }

    @Test
    void truncatedZlibData() {
        ServerStream good = ServerStream.afterHandshake(64, 64).update(1).rect(0, 0, 64, 64, Encodings.ZRLE);
        good.zrle(new byte[] {0, 1, 2}); // raw tile needs 64*64*3 bytes, only 2 follow the sub-encoding
        assertRejected(good, "compressed data truncated");
    }

    @Test
    void corruptZlibData() {
        ServerStream s = ServerStream.afterHandshake(64, 64).update(1).rect(0, 0, 64, 64, Encodings.ZRLE)
                .u32(6).bytes(new byte[] {0x12, 0x34, 0x56, 0x78, (byte) 0x9a, (byte) 0xbc});
        assertRejected(s, "corrupt zlib data");
    }

    @Test
    void zrleCompressedLengthOverLimit() {
        assertRejected(ServerStream.afterHandshake(64, 64).update(1).rect(0, 0, 64, 64, Encodings.ZRLE)
                .u32(0xFFFFFFF0L), "compressed length 4294967280 exceeds limit");
    }

    @Test
    void zrlePaletteIndexOutsidePalette() {
        // palette RLE with 2 colours, then index 5
        byte[] tile = {(byte) 130, 1, 2, 3, 4, 5, 6, 5};
        assertRejected(ServerStream.afterHandshake(16, 16).update(1).rect(0, 0, 16, 16, Encodings.ZRLE).zrle(tile),
                "palette index 5 outside palette of 2");
    }

    @Test
    void zrleRunLongerThanTheTile() {
        // plain RLE, one colour, run 255+255+10+1 = 521 > 4*4
        byte[] tile = {(byte) 128, 9, 9, 9, (byte) 255, (byte) 255, 10};
        assertRejected(ServerStream.afterHandshake(4, 4).update(1).rect(0, 0, 4, 4, Encodings.ZRLE).zrle(tile),
                "overflows tile");
    }

    @Test
    void zrleInvalidSubEncoding() {
        assertRejected(ServerStream.afterHandshake(4, 4).update(1).rect(0, 0, 4, 4, Encodings.ZRLE)
                .zrle(new byte[] {17}), "invalid tile sub-encoding 17");
    }

    @Test
    void hugeCutText() {
        assertRejected(ServerStream.afterHandshake(640, 480).u8(3).u8(0).u8(0).u8(0).u32(0x7FFFFFFFL),
                "server cut text length 2147483647 exceeds limit 1048576");
    }

    @Test
    void desktopSizeOverLimit() {
        assertRejected(ServerStream.afterHandshake(640, 480).update(1).rect(0, 0, 20000, 100, Encodings.DESKTOP_SIZE),
                "desktop size 20000x100 exceeds limit 16384x16384");
    }

    @Test
    void cursorOverLimit() {
        assertRejected(ServerStream.afterHandshake(640, 480).update(1).rect(0, 0, 2000, 2000, Encodings.CURSOR),
                "cursor 2000x2000 exceeds limit");
    }

    @Test
    void cursorHotspotOutsideCursor() {
        assertRejected(ServerStream.afterHandshake(640, 480).update(1).rect(40, 3, 16, 16, Encodings.CURSOR),
                "cursor hotspot 40,3 outside cursor 16x16");
    }

    @Test
    void unknownMessageType() {
        assertRejected(ServerStream.afterHandshake(640, 480).u8(77), "unknown server message type 77");
    }

    @Test
    void colourMapPastTheEnd() {
        assertRejected(ServerStream.afterHandshake(640, 480).u8(1).u8(0).u16(65000).u16(1000),
                "SetColourMapEntries first colour 65000 plus count 1000 exceeds 65536 entries");
    }

    @Test
    void notAnRfbServer() {
        assertRejected(new ServerStream().ascii("HTTP/1.1 200"), "not an RFB server");
    }

    @Test
    void serverRefusesWithReason() {
        assertRejected(new ServerStream().ascii("RFB 003.008\n").u8(0).u32(8).ascii("too many"),
                "server refused the connection: too many");
    }

    @Test
    void onlyVncAuthOfferedWithoutPassword() {
        assertRejected(new ServerStream().ascii("RFB 003.008\n").u8(1).u8(2),
                "server offers security types [2]");
    }

    @Test
    void authenticationFailureReasonIsReported() {
        assertRejected(new ServerStream().ascii("RFB 003.008\n").u8(1).u8(1).u32(1).u32(6).ascii("denied"),
                "authentication failed: denied");
    }

    @Test
    void serverInitTooLarge() {
        ServerStream s = new ServerStream().ascii("RFB 003.008\n").u8(1).u8(1).u32(0).u16(30000).u16(10)
                .bytes(new byte[16]).u32(0);
        assertRejected(s, "ServerInit framebuffer 30000x10 exceeds limit");
    }

    @Test
    void rfb33ServerIsAccepted() throws Exception {
        ServerStream s = new ServerStream().ascii("RFB 003.003\n").u32(1).u16(32).u16(16).bytes(new byte[16])
                .u32(2).ascii("v3");
        Replay replay = Replay.run(s.toBytes(), new int[0], OPTIONS);
        assertThat(replay.protocol.serverInit().protocolVersion()).isEqualTo("3.3");
        assertThat(replay.protocol.serverInit().name()).isEqualTo("v3");
        assertThat(new String(replay.sent.get(0))).isEqualTo("RFB 003.003\n");
    }

    @Test
    void rfb37ServerWithSecurityNoneSkipsSecurityResult() throws Exception {
        ServerStream s = new ServerStream().ascii("RFB 003.007\n").u8(1).u8(1).u16(32).u16(16).bytes(new byte[16])
                .u32(0);
        Replay replay = Replay.run(s.toBytes(), new int[0], OPTIONS);
        assertThat(replay.protocol.serverInit().width()).isEqualTo(32);
        assertThat(replay.protocol.serverInit().protocolVersion()).isEqualTo("3.7");
    }

    @Test
    void vncAuthenticationAnswersTheChallenge() throws Exception {
        byte[] challenge = new byte[16];
        new Random(1).nextBytes(challenge);
        ServerStream s = new ServerStream().ascii("RFB 003.008\n").u8(2).u8(2).u8(16).bytes(challenge).u32(0)
                .u16(8).u16(8).bytes(new byte[16]).u32(0);
        Replay replay = Replay.run(s.toBytes(), new int[0], OPTIONS.withPassword("secret"));
        assertThat(replay.sent.get(1)).containsExactly(2);
        assertThat(replay.sent.get(2)).hasSize(16).isNotEqualTo(challenge);
        assertThat(replay.protocol.serverInit().width()).isEqualTo(8);
    }

    @Test
    void lastRectEndsAnOpenEndedUpdate() throws Exception {
        ServerStream s = ServerStream.afterHandshake(4, 4).update(0xFFFF)
                .rect(0, 0, 1, 1, Encodings.RAW).bytes(new byte[] {0x33, 0x22, 0x11, 0}) // B, G, R, X
                .rect(0, 0, 0, 0, Encodings.LAST_RECT)
                .u8(2); // a Bell after the update proves the stream stayed in step
        Replay replay = Replay.run(s.toBytes(), new int[0], OPTIONS);
        assertThat(replay.events).containsExactly("update 0,0 1x1", "bell");
        assertThat(replay.snapshot().pixel(0, 0)).isEqualTo(0xFF112233);
    }

    @Test
    void cursorAndLedStateAndCutTextAreReported() throws Exception {
        ServerStream s = ServerStream.afterHandshake(4, 4).update(2)
                .rect(1, 0, 2, 1, Encodings.CURSOR)
                .bytes(new byte[] {0, (byte) 0xFF, 0, 0, (byte) 0xFF, 0, 0, 0}).u8(0x80) // green, blue; mask 10
                .rect(0, 0, 1, 1, Encodings.QEMU_LED_STATE).u8(4)
                .u8(3).u8(0).u8(0).u8(0).u32(2).ascii("hi");
        Replay replay = Replay.run(s.toBytes(), new int[0], OPTIONS);
        assertThat(replay.events).containsExactly("cursor 2x1",
                "led LedState[capsLock=true, numLock=false, scrollLock=false]", "clipboard hi");
        CursorImage cursor = replay.protocol.cursor();
        assertThat(cursor.hotX()).isEqualTo(1);
        assertThat(cursor.argb()).containsExactly(0xFF00FF00, 0);
    }

    @Test
    void alphaCursorIsUnpremultiplied() throws Exception {
        ServerStream s = ServerStream.afterHandshake(4, 4).update(1)
                .rect(0, 1, 2, 2, Encodings.ALPHA_CURSOR).u32(0)
                .bytes(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF,   // opaque red (B,G,R,A)
                        0, 0, 0, 0,                                  // transparent
                        0, 0x40, 0, (byte) 0x80,                     // half-transparent green, premultiplied
                        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        Replay replay = Replay.run(s.toBytes(), new int[0], OPTIONS);
        CursorImage cursor = replay.protocol.cursor();
        assertThat(cursor.hotY()).isEqualTo(1);
        assertThat(cursor.argb()).containsExactly(0xFFFF0000, 0, 0x80007F00, 0xFFFFFFFF);
    }

    @Test
    void alphaCursorWithAnotherInnerEncoding() {
        assertRejected(ServerStream.afterHandshake(4, 4).update(1).rect(0, 0, 2, 2, Encodings.ALPHA_CURSOR)
                .u32(Encodings.ZRLE), "only Raw is supported");
    }
}
