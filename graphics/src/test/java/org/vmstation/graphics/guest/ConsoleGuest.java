package org.vmstation.graphics.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.GuestSerial;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.qmp.QmpClient;

/**
 * The project's test guest under real QEMU (TCG) with a virtio-vga display exported as VNC on a UNIX socket, QMP
 * on another, the serial shell on a third, the i8042 keyboard and a USB tablet: what the console tests talk to.
 */
public final class ConsoleGuest implements AutoCloseable {
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final Path dir;
    private final GuestSerial serial;
    private QmpClient qmp;

    private ConsoleGuest(Process process, Path dir, GuestSerial serial) {
        this.process = process;
        this.dir = dir;
        this.serial = serial;
    }

    /**
     * Boots the guest and waits for its ready marker. {@code kernelArguments} are appended to the kernel command
     * line, e.g. {@code video=Virtual-1:1024x768} for the start-up mode (else the adapter's default, 1280x800).
     */
    public static ConsoleGuest boot(Path dir, String... kernelArguments) throws Exception {
        GuestImage guest = TestGuest.image();
        String append = GuestImageLocator.kernelCommandLine(List.of()) + (kernelArguments.length == 0 ? "" : " " + String.join(" ", kernelArguments));
        List<String> command = new ArrayList<>(List.of(TestGuest.qemuBinary(), "-machine", "q35", "-accel", "tcg",
                "-m", "256", "-nodefaults", "-no-user-config", "-display", "none",
                "-kernel", guest.kernelFor(false).toString(), "-initrd", guest.initrd().toString(), "-append", append,
                "-device", "virtio-vga", "-device", "qemu-xhci", "-device", "usb-tablet",
                "-vnc", "unix:" + dir.resolve("vnc.sock"),
                "-qmp", "unix:" + dir.resolve("qmp.sock") + ",server=on,wait=off",
                "-serial", "unix:" + dir.resolve("serial.sock") + ",server=on,wait=off"));
        Path log = dir.resolve("qemu.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GuestSerial serial = null;
        try {
            serial = new GuestSerial(dir.resolve("serial.sock"), Duration.ofSeconds(30));
            ConsoleGuest g = new ConsoleGuest(process, dir, serial);
            g.serial.awaitLine(0, l -> l.contains(GuestImageLocator.READY_MARKER) || !process.isAlive(),
                    GuestImageLocator.READY_MARKER, BOOT_TIMEOUT);
            if (!process.isAlive()) throw new IOException("QEMU exited: " + Files.readString(log));
            g.serial.awaitShell(Duration.ofSeconds(90));
            return g;
        } catch (Exception | AssertionError e) {
            if (serial != null) serial.close();
            process.destroyForcibly();
            throw e;
        }
    }

    public Path vncSocket() {
        return dir.resolve("vnc.sock");
    }

    public GuestSerial serial() {
        return serial;
    }

    public synchronized QmpClient qmp() {
        if (qmp == null) qmp = QmpClient.connect(dir.resolve("qmp.sock"), Duration.ofSeconds(10));
        return qmp;
    }

    /** QEMU's own picture of the screen, through QMP {@code screendump}. */
    public org.vmstation.graphics.framebuffer.FramebufferSnapshot screendump() throws IOException {
        Path file = dir.resolve("screendump.ppm");
        Files.deleteIfExists(file);
        qmp().screendump(file);
        return Ppm.read(file);
    }

    @Override
    public void close() throws Exception {
        if (qmp != null) qmp.close();
        serial.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
