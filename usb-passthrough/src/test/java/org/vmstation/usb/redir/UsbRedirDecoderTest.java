package org.vmstation.usb.redir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vmstation.usb.redir.UsbRedirPacket.*;

/**
 * Framing and decoding of what QEMU 7.2's usb-redir really sent while a Linux guest used the Java stick
 * (qemu-to-device.bin, recorded by UsbRedirGuestTest with -Dusbredir.record.out), fed whole, split at every
 * position, and mutated.
 */
class UsbRedirDecoderTest {
    static byte[] recording() throws Exception {
        try (InputStream in = UsbRedirDecoderTest.class.getResourceAsStream("qemu-to-device.bin")) {
            return in.readAllBytes();
        }
    }

    /** Decodes a stream like the session does: 32-bit ids until the hello, then as negotiated. */
    static List<UsbRedirPacket> decodeAll(byte[] stream, int... cuts) throws UsbRedirProtocolException {
        UsbRedirFrameDecoder decoder = new UsbRedirFrameDecoder();
        UsbRedirCodec codec = new UsbRedirCodec();
        List<UsbRedirPacket> packets = new ArrayList<>();
        UsbRedirFrameDecoder.FrameSink sink = frame -> {
            UsbRedirPacket p = codec.decode(frame);
            if (p instanceof Hello h) {
                UsbRedirCaps common = h.caps().and(UsbRedirCaps.OURS);
                codec.negotiated(common);
                decoder.use64BitIds(common.has(UsbRedirCaps.IDS_64BITS));
            }
            packets.add(p);
        };
        int from = 0;
        for (int cut : cuts) {
            decoder.feed(stream, from, cut - from, sink);
            from = cut;
        }
        decoder.feed(stream, from, stream.length - from, sink);
        assertThat(decoder.idle()).as("no partial frame left over").isTrue();
        return packets;
    }

    @Test
    void recordedQemuStreamDecodesToTheExpectedConversation() throws Exception {
        List<UsbRedirPacket> packets = decodeAll(recording());
        Hello hello = (Hello) packets.getFirst();
        assertThat(hello.version()).startsWith("qemu usb-redir guest");
        assertThat(hello.caps().has(UsbRedirCaps.IDS_64BITS)).isTrue();
        assertThat(hello.caps().has(UsbRedirCaps.BULK_LENGTH_32BITS)).isTrue();
        // The guest reads the device descriptor first, over a control packet.
        ControlPacket first = packets.stream().filter(ControlPacket.class::isInstance).map(ControlPacket.class::cast).findFirst().orElseThrow();
        assertThat(first.request()).isEqualTo(6);
        assertThat(first.value() >> 8).isEqualTo(1);
        assertThat(packets).anyMatch(p -> p instanceof SetConfiguration s && s.configuration() == 1);
        // Bulk-only transport: CBWs arrive on bulk OUT 0x02 with the "USBC" signature.
        List<BulkPacket> cbws = packets.stream().filter(p -> p instanceof BulkPacket b && b.endpoint() == 0x02 && b.data().length == 31)
                .map(BulkPacket.class::cast).toList();
        assertThat(cbws).isNotEmpty();
        assertThat(ByteBuffer.wrap(cbws.getFirst().data()).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(0x43425355);
        assertThat(packets).anyMatch(p -> p instanceof BulkPacket b && b.endpoint() == 0x81 && b.data().length == 0 && b.length() > 0);
    }

    @Test
    void everySplitPositionGivesTheSamePackets() throws Exception {
        byte[] stream = recording();
        List<UsbRedirPacket> whole = decodeAll(stream);
        for (int cut = 1; cut < stream.length; cut++) {
            assertThat(decodeAll(stream, cut)).as("split at %d", cut).isEqualTo(whole);
        }
        // And byte by byte.
        int[] all = new int[stream.length - 1];
        for (int i = 0; i < all.length; i++) all[i] = i + 1;
        assertThat(decodeAll(stream, all)).isEqualTo(whole);
    }

    @Test
    void encoderReproducesTheRecordedBytes() throws Exception {
        byte[] stream = recording();
        UsbRedirFrameDecoder decoder = new UsbRedirFrameDecoder();
        UsbRedirCodec codec = new UsbRedirCodec();
        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        decoder.feed(stream, 0, stream.length, frame -> {
            UsbRedirPacket p = codec.decode(frame);
            again.writeBytes(UsbRedirCodec.toWire(codec.encode(p, frame.id()), decoder.uses64BitIds()));
            if (p instanceof Hello h) {
                // QEMU's hello has its own caps word; ours re-encodes it identically.
                UsbRedirCaps common = h.caps().and(UsbRedirCaps.OURS);
                codec.negotiated(common);
                decoder.use64BitIds(common.has(UsbRedirCaps.IDS_64BITS));
            }
        });
        assertThat(again.toByteArray()).isEqualTo(stream);
    }

    @Test
    void malformedPacketsAreRejectedWithAReason() {
        UsbRedirFrameDecoder decoder = new UsbRedirFrameDecoder(1024);
        byte[] huge = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(101).putInt(1 << 30).putInt(1).array();
        assertThatThrownBy(() -> decoder.feed(huge, 0, huge.length, f -> {}))
                .isInstanceOf(UsbRedirProtocolException.class).hasMessageContaining("claims 1073741824 bytes; the limit is 1024");

        UsbRedirCodec codec = new UsbRedirCodec();
        assertThatThrownBy(() -> codec.decode(new UsbRedirFrame(77, 1, new byte[0]))).hasMessageContaining("unknown usbredir packet type 77");
        assertThatThrownBy(() -> codec.decode(new UsbRedirFrame(UsbRedirType.CONTROL_PACKET, 1, new byte[9])))
                .hasMessageContaining("has 9 bytes; its header alone needs 10");
        assertThatThrownBy(() -> codec.decode(new UsbRedirFrame(UsbRedirType.RESET, 1, new byte[3])))
                .hasMessageContaining("carries 3 data bytes; that type has none");
        byte[] info = new byte[132];
        info[0] = 33;
        assertThatThrownBy(() -> codec.decode(new UsbRedirFrame(UsbRedirType.INTERFACE_INFO, 1, info)))
                .hasMessageContaining("claims 33 interfaces");
        assertThatThrownBy(() -> codec.decode(new UsbRedirFrame(UsbRedirType.HELLO, 0, new byte[66])))
                .hasMessageContaining("not whole 32-bit words");
    }

    @Test
    void mutatedRecordingsNeverEscapeAsAnythingButProtocolErrors() throws Exception {
        byte[] stream = recording();
        Random random = new Random(9);
        int rejected = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] m = stream.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                int pos = random.nextInt(m.length);
                m[pos] = switch (random.nextInt(3)) {
                    case 0 -> (byte) random.nextInt(256);
                    case 1 -> (byte) 0xff;
                    default -> 0;
                };
            }
            if (random.nextInt(5) == 0) m = Arrays.copyOf(m, random.nextInt(m.length));
            try {
                decodeAll(m);
            } catch (UsbRedirProtocolException e) {
                assertThat(e.getMessage()).isNotBlank();
                rejected++;
            } catch (AssertionError e) {
                // a truncated stream leaves a partial frame: that is the decoder waiting, not a failure
                assertThat(e.getMessage()).contains("no partial frame");
            }
        }
        assertThat(rejected).as("some mutations must be caught").isPositive();
    }
}
