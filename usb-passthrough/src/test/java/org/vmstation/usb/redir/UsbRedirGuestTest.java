package org.vmstation.usb.redir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.GuestSerial;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.qmp.QmpClient;
import org.vmstation.usb.devices.MassStorageDevice;
import org.vmstation.usb.qemu.UsbRedirDeviceProps;

/**
 * End to end: the Java mass-storage device served over VMStation's usbredir to QEMU's usb-redir; the real
 * guest enumerates it, reads known bytes and writes some back; detach (device_del) removes it, hot-plug
 * (chardev-add + device_add with the same builders) brings it back.
 */
@Tag("guest")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class UsbRedirGuestTest {
    static final String LIST = "for d in /sys/bus/usb/devices/*; do [ -f $d/idVendor ] && echo USBDEV $(cat $d/idVendor):$(cat $d/idProduct) $(cat $d/product 2>/dev/null); done";
    static final String STICK = "USBDEV 1209:0001 Java USB Stick";

    @TempDir Path dir;

    static java.nio.channels.SocketChannel connectWhenListening(Path socket) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            var ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            try {
                ch.connect(java.net.UnixDomainSocketAddress.of(socket));
                return ch;
            } catch (java.io.IOException e) {
                ch.close();
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(50);
            }
        }
    }

    @Test
    void guestSeesReadsAndWritesTheJavaStickAndItsDetachAndReattach() throws Exception {
        GuestImage guest = TestGuest.image();
        Path image = dir.resolve("stick.img");
        try (FileChannel f = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.wrap("VMSTATION-SECTOR-ZERO-OK".getBytes(StandardCharsets.US_ASCII)), 0);
            f.write(ByteBuffer.wrap("VMSTATION-AT-ONE-MIB-OK".getBytes(StandardCharsets.US_ASCII)), 1024 * 1024);
            f.write(ByteBuffer.wrap(new byte[] {0}), 4 * 1024 * 1024 - 1);
        }
        Path qmpSocket = dir.resolve("qmp.sock");
        Path serialSocket = dir.resolve("serial.sock");
        Path redir0 = dir.resolve("usbredir-0.sock");
        Path redir1 = dir.resolve("usbredir-1.sock");
        List<String> cmd = new ArrayList<>(List.of(TestGuest.qemuBinary(), "-machine", "q35", "-accel", "tcg", "-m", "256",
                "-display", "none", "-monitor", "none", "-no-user-config",
                "-chardev", "socket,id=ser0,path=" + serialSocket + ",server=on,wait=off,logfile=" + dir.resolve("serial.log"),
                "-serial", "chardev:ser0",
                "-kernel", guest.kernel().toString(), "-initrd", guest.initrd().toString(),
                "-append", GuestImageLocator.kernelCommandLine(List.of("usb")),
                "-device", "qemu-xhci,id=xhci",
                "-chardev", UsbRedirDeviceProps.chardevArgument(UsbRedirDeviceProps.chardevId(0), redir0),
                "-device", UsbRedirDeviceProps.device(UsbRedirDeviceProps.deviceId(0), UsbRedirDeviceProps.chardevId(0)).toCommandLine(),
                "-qmp", "unix:" + qmpSocket + ",server=on,wait=off"));
        Process qemu = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (GuestSerial shell = new GuestSerial(serialSocket, Duration.ofSeconds(20));
             MassStorageDevice stick = new MassStorageDevice(image, false, "VMS0000000001")) {
            // The first session records what QEMU sends (-Dusbredir.record.out=FILE saves it as a test recording).
            RecordingChannel recorder = new RecordingChannel(connectWhenListening(redir0), 256 * 1024);
            UsbRedirHostSession session = UsbRedirHostSession.start(recorder, stick, "usbredir-0", log::add);
            assertThat(session.peerHello().get(20, TimeUnit.SECONDS)).startsWith("qemu usb-redir guest");
            shell.awaitLine(0, l -> l.contains(GuestImageLocator.READY_MARKER), "the ready marker", Duration.ofSeconds(120));
            shell.awaitShell(Duration.ofSeconds(90));

            List<String> devices = shell.runUntil(LIST, out -> out.contains(STICK), Duration.ofSeconds(60));
            assertThat(devices).contains(STICK);
            List<String> sector0 = shell.runUntil("head -c 24 /dev/sda 2>&1; echo", out -> !out.isEmpty() && !out.getFirst().contains("No such"),
                    Duration.ofSeconds(60));
            assertThat(sector0).contains("VMSTATION-SECTOR-ZERO-OK");
            // The guest writes through the Java device into the image file.
            shell.run("echo GUEST-WROTE-THIS | dd of=/dev/sda bs=512 seek=4 conv=fsync 2>/dev/null", Duration.ofSeconds(30));
            assertThat(new String(Files.readAllBytes(image), 4 * 512, 16, StandardCharsets.US_ASCII)).isEqualTo("GUEST-WROTE-THIS");

            try (QmpClient qmp = QmpClient.connect(qmpSocket, Duration.ofSeconds(10))) {
                qmp.deviceDel(UsbRedirDeviceProps.deviceId(0));
                assertThat(shell.runUntil(LIST, out -> !out.contains(STICK), Duration.ofSeconds(30))).doesNotContain(STICK);
                session.closed().get(20, TimeUnit.SECONDS); // QEMU dropped the chardev with the device
                assertThat(log).noneMatch(l -> l.contains("closing the connection"));
                String recordTo = System.getProperty("usbredir.record.out");
                if (recordTo != null) Files.write(Path.of(recordTo), recorder.received.toByteArray());

                // Re-attach by hot-plug with the same builders.
                qmp.call("chardev-add", UsbRedirDeviceProps.chardevAdd(UsbRedirDeviceProps.chardevId(1), redir1));
                qmp.deviceAdd(UsbRedirDeviceProps.device(UsbRedirDeviceProps.deviceId(1), UsbRedirDeviceProps.chardevId(1)).toQmp());
                UsbRedirHostSession again = UsbRedirClient.connect(redir1, Duration.ofSeconds(20), stick, log::add);
                again.peerHello().get(20, TimeUnit.SECONDS);
                assertThat(shell.runUntil(LIST, out -> out.contains(STICK), Duration.ofSeconds(60))).contains(STICK);
                List<String> oneMib = shell.runUntil("dd if=/dev/sda bs=1024 skip=1024 count=1 2>/dev/null | head -c 23; echo",
                        out -> !out.isEmpty() && out.getFirst().startsWith("VMSTATION"), Duration.ofSeconds(60));
                assertThat(oneMib).contains("VMSTATION-AT-ONE-MIB-OK");
                again.close();
                qmp.quit();
            }
            assertThat(qemu.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } catch (AssertionError | Exception e) {
            System.err.println("usbredir log: " + log);
            System.err.println("qemu log: " + (Files.exists(dir.resolve("qemu.log")) ? Files.readString(dir.resolve("qemu.log")) : ""));
            throw e;
        } finally {
            qemu.destroyForcibly();
        }
    }
}
