package org.vmstation.usb.redir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.usb.devices.MassStorageDevice;

/** The session against a peer that breaks the protocol: the connection ends with an error, nothing else does. */
class UsbRedirSessionTest {
    @TempDir Path dir;

    /** A bidirectional channel from two pipes: the test writes peer bytes, the session answers into the other. */
    static final class PipeChannel implements java.nio.channels.ByteChannel {
        final Pipe toSession = Pipe.open();
        final Pipe fromSession = Pipe.open();
        PipeChannel() throws java.io.IOException {}
        public int read(ByteBuffer dst) throws java.io.IOException { return toSession.source().read(dst); }
        public int write(ByteBuffer src) throws java.io.IOException { return fromSession.sink().write(src); }
        public boolean isOpen() { return toSession.source().isOpen(); }
        public void close() throws java.io.IOException { toSession.source().close(); fromSession.sink().close(); }
    }

    @Test
    void malformedPacketEndsTheConnectionWithTheReason() throws Exception {
        Path image = dir.resolve("s.img");
        Files.write(image, new byte[64 * 1024]);
        try (MassStorageDevice stick = new MassStorageDevice(image, true, "S1")) {
            PipeChannel ch = new PipeChannel();
            List<String> log = new CopyOnWriteArrayList<>();
            UsbRedirHostSession s = UsbRedirHostSession.start(ch, stick, "test", log::add);
            // A peer hello with no caps (32-bit ids stay), then a control packet whose header is cut short.
            UsbRedirCodec codec = new UsbRedirCodec();
            byte[] hello = UsbRedirCodec.toWire(codec.encode(new UsbRedirPacket.Hello("peer", UsbRedirCaps.NONE), 0), false);
            byte[] bad = ByteBuffer.allocate(12 + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(UsbRedirType.CONTROL_PACKET).putInt(4).putInt(7).array();
            ch.toSession.sink().write(ByteBuffer.wrap(hello));
            ch.toSession.sink().write(ByteBuffer.wrap(bad));
            assertThat(s.peerHello().get(5, TimeUnit.SECONDS)).isEqualTo("peer");
            try {
                s.closed().get(5, TimeUnit.SECONDS);
                throw new AssertionError("session should fail");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(UsbRedirProtocolException.class).hasMessageContaining("has 4 bytes; its header alone needs 10");
            }
            assertThat(log).anyMatch(l -> l.contains("closing the connection"));
            assertThat(ch.isOpen()).isFalse();
        }
    }
}
