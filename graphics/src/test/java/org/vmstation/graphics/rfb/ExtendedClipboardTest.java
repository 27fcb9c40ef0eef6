package org.vmstation.graphics.rfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** Extended Clipboard exchanges, as QEMU performs them, driven through synthetic server streams. */
class ExtendedClipboardTest {

    private static final int TEXT = 1;
    private static final int CAPS = 1 << 24;
    private static final int REQUEST = 1 << 25;
    private static final int PEEK = 1 << 26;
    private static final int NOTIFY = 1 << 27;
    private static final int PROVIDE = 1 << 28;

    /** ServerCutText with a negative length: flags then body. */
    private static ServerStream extended(ServerStream s, int flags, byte[] body) {
        return s.u8(3).u8(0).u8(0).u8(0).u32(-(4 + body.length) & 0xFFFFFFFFL).u32(flags & 0xFFFFFFFFL).bytes(body);
    }

    private static byte[] caps() {
        return ByteBuffer.allocate(4).putInt(1 << 20).array();
    }

    private static byte[] deflate(byte[] plain) {
        Deflater d = new Deflater();
        d.setInput(plain);
        d.finish();
        byte[] out = new byte[plain.length + 64];
        int n = d.deflate(out);
        d.end();
        return Arrays.copyOf(out, n);
    }

    private static byte[] textPayload(String text) {
        byte[] utf8 = (text + "\0").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
    }

    /** The flags of the last client message if it is an extended ClientCutText. */
    private static int lastExtendedFlags(Replay replay) {
        ByteBuffer m = ByteBuffer.wrap(replay.sent.getLast());
        assertThat(m.get()).isEqualTo((byte) 6);
        m.position(4);
        assertThat(m.getInt()).isNegative();
        return m.getInt();
    }

    @Test
    void capsAreAnsweredWithTheClientsCaps() throws Exception {
        Replay replay = Replay.run(extended(ServerStream.afterHandshake(4, 4), CAPS | TEXT, caps()).toBytes(),
                new int[0], RfbClientOptions.defaults());
        assertThat(lastExtendedFlags(replay)).isEqualTo(CAPS | TEXT | REQUEST | PEEK | NOTIFY | PROVIDE);
    }

    @Test
    void notifyLeadsToARequestAndProvidedTextIsReported() throws Exception {
        ServerStream s = extended(ServerStream.afterHandshake(4, 4), CAPS | TEXT, caps());
        extended(s, NOTIFY | TEXT, new byte[0]);
        Replay afterNotify = Replay.run(s.toBytes(), new int[0], RfbClientOptions.defaults());
        assertThat(lastExtendedFlags(afterNotify)).isEqualTo(REQUEST | TEXT);

        extended(s, PROVIDE | TEXT, deflate(textPayload("grüße from the guest")));
        byte[] bytes = s.toBytes();
        Replay replay = Replay.run(bytes, new int[] {bytes.length - 7}, RfbClientOptions.defaults());
        assertThat(replay.events).contains("clipboard grüße from the guest");
    }

    @Test
    void hostTextIsNotifiedThenProvidedOnRequest() throws Exception {
        Replay replay = new Replay(RfbClientOptions.defaults());
        byte[] start = extended(ServerStream.afterHandshake(4, 4), CAPS | TEXT, caps()).toBytes();
        replay.feed(start, 0, start.length);

        replay.protocol.sendClipboard("host ✓");
        assertThat(lastExtendedFlags(replay)).isEqualTo(NOTIFY | TEXT);

        byte[] request = extended(new ServerStream(), REQUEST | TEXT, new byte[0]).toBytes();
        replay.feed(request, 0, request.length);
        assertThat(lastExtendedFlags(replay)).isEqualTo(PROVIDE | TEXT);
        byte[] message = replay.sent.getLast();
        Inflater inflater = new Inflater();
        inflater.setInput(message, 12, message.length - 12);
        byte[] plain = new byte[256];
        int n = inflater.inflate(plain);
        assertThat(Arrays.copyOf(plain, n)).isEqualTo(textPayload("host ✓"));
    }

    @Test
    void withoutExtendedClipboardTextGoesAsLatin1CutText() throws Exception {
        Replay replay = Replay.run(ServerStream.afterHandshake(4, 4).toBytes(), new int[0], RfbClientOptions.defaults());
        replay.protocol.sendClipboard("abc");
        assertThat(replay.sent.getLast()).containsExactly(6, 0, 0, 0, 0, 0, 0, 3, 'a', 'b', 'c');
    }

    @Test
    void corruptProvideDataClosesTheConnection() {
        ServerStream s = extended(ServerStream.afterHandshake(4, 4), CAPS | TEXT, caps());
        extended(s, PROVIDE | TEXT, new byte[] {1, 2, 3, 4, 5, 6});
        assertThatThrownBy(() -> Replay.run(s.toBytes(), new int[0], RfbClientOptions.defaults()))
                .isInstanceOf(RfbProtocolException.class).hasMessageContaining("extended clipboard provide");
    }

    @Test
    void provideClaimingMoreThanItHoldsIsRefused() {
        byte[] lying = ByteBuffer.allocate(8).putInt(1000).putInt(0x41414141).array();
        ServerStream s = extended(ServerStream.afterHandshake(4, 4), PROVIDE | TEXT, deflate(lying));
        assertThatThrownBy(() -> Replay.run(s.toBytes(), new int[0], RfbClientOptions.defaults()))
                .isInstanceOf(RfbProtocolException.class)
                .hasMessageContaining("claims 1000 bytes, only 4 present");
    }

    @Test
    void zipBombIsRefused() {
        byte[] huge = new byte[4 << 20];
        ByteBuffer.wrap(huge).putInt(huge.length - 4);
        ServerStream s = extended(ServerStream.afterHandshake(4, 4), PROVIDE | TEXT, deflate(huge));
        assertThatThrownBy(() -> Replay.run(s.toBytes(), new int[0], RfbClientOptions.defaults()))
                .isInstanceOf(RfbProtocolException.class).hasMessageContaining("inflates beyond the limit");
    }

    @Test
    void capsWithoutSizesAreRefused() {
        ServerStream s = extended(ServerStream.afterHandshake(4, 4), CAPS | TEXT | 4, caps());
        assertThatThrownBy(() -> Replay.run(s.toBytes(), new int[0], RfbClientOptions.defaults()))
                .isInstanceOf(RfbProtocolException.class).hasMessageContaining("size limit for format bit 2");
    }

    @Test
    void hugeExtendedLengthIsRefused() {
        ServerStream s = ServerStream.afterHandshake(4, 4).u8(3).u8(0).u8(0).u8(0).u32(0x80000001L);
        assertThatThrownBy(() -> Replay.run(s.toBytes(), new int[0], RfbClientOptions.defaults()))
                .isInstanceOf(RfbProtocolException.class)
                .hasMessageContaining("extended clipboard message length 2147483647 exceeds limit");
    }

}
