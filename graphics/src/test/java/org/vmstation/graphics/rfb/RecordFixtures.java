package org.vmstation.graphics.rfb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.vmstation.graphics.rfb.protocol.Encodings;

/**
 * Developer tool (not a test): records server byte streams from real QEMU sessions into
 * src/test/resources/rfb for the replay tests. Run with the test classpath: {@code java ... RecordFixtures DIR}.
 */
public final class RecordFixtures {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "graphics/src/test/resources/rfb");
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("rfb-record");
        try (QemuVncServer qemu = QemuVncServer.start(work, true)) {
            record(qemu, out.resolve("qemu-paused-zrle.bin"), out.resolve("qemu-paused-zrle.png"),
                    RfbClientOptions.defaults(), 0);
            record(qemu, out.resolve("qemu-paused-raw.bin"), out.resolve("qemu-paused-raw.png"),
                    RfbClientOptions.defaults().withPixelEncodings(Encodings.RAW), 0);
        }
        Path work2 = Files.createTempDirectory("rfb-record");
        try (QemuVncServer qemu = QemuVncServer.start(work2, false)) {
            record(qemu, out.resolve("qemu-seabios-zrle.bin"), out.resolve("qemu-seabios-zrle.png"),
                    RfbClientOptions.defaults(), 6000);
        }
    }

    private static void record(QemuVncServer qemu, Path bytes, Path png, RfbClientOptions options, long runMillis)
            throws Exception {
        RfbSession session = RfbClient.connect(qemu.socket(), options.withRecording(bytes));
        try (session) {
            if (!session.awaitUpdates(1, Duration.ofSeconds(20))) throw new IllegalStateException("no update");
            long deadline = System.currentTimeMillis() + runMillis;
            while (System.currentTimeMillis() < deadline) {
                session.sendPointer(10 + (int) (deadline - System.currentTimeMillis()) % 100, 10, 0);
                Thread.sleep(200);
            }
            Thread.sleep(500);
        }
        // Taken after close, so the picture matches exactly the bytes recorded.
        Thread.sleep(200);
        session.writePng(png);
        System.out.println(bytes + ": " + session.serverInit() + " updates=" + session.updatesReceived()
                + " nonBlack=" + session.snapshot().nonBlackPixels() + " size=" + session.framebufferSize());
    }
}
