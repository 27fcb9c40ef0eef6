package org.vmstation.usb.redir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.GuestSerial;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.usb.devices.MassStorageDevice;
import org.vmstation.usb.qemu.EmulatedUsbDevices;
import org.vmstation.usb.qemu.UsbRedirDeviceProps;

/**
 * Bulk throughput (not a test): the guest reads 64 MiB from the Java mass-storage device over usbredir and
 * 64 MiB from QEMU's emulated usb-storage backed by the same image, in the same VM; prints MiB/s for both.
 * Run with usb-passthrough/scripts/bench-usb.sh.
 */
public final class UsbRedirBenchmark {
    private static final int MIB = 64;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("vmstation-usb-bench");
        GuestImage guest = TestGuest.image();
        Path image = dir.resolve("bench.img");
        try (FileChannel f = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] block = new byte[1 << 20];
            new java.util.Random(1).nextBytes(block);
            for (int i = 0; i < MIB + 1; i++) f.write(ByteBuffer.wrap(block));
        }
        Path serial = dir.resolve("serial.sock");
        Path redir = dir.resolve("usbredir-0.sock");
        List<String> cmd = new ArrayList<>(List.of(TestGuest.qemuBinary(), "-machine", "q35", "-accel", "tcg", "-m", "512",
                "-display", "none", "-monitor", "none", "-no-user-config",
                "-chardev", "socket,id=ser0,path=" + serial + ",server=on,wait=off", "-serial", "chardev:ser0",
                "-kernel", guest.kernel().toString(), "-initrd", guest.initrd().toString(),
                "-append", GuestImageLocator.kernelCommandLine(List.of()),
                "-device", "qemu-xhci,id=xhci",
                "-drive", EmulatedUsbDevices.storageDrive("benchdrive", image, true),
                "-device", EmulatedUsbDevices.storage("benchstick", "benchdrive", false).toCommandLine(),
                "-chardev", UsbRedirDeviceProps.chardevArgument("usbredir0", redir),
                "-device", UsbRedirDeviceProps.device("usbredirdev0", "usbredir0").toCommandLine()));
        Process qemu = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
        try (GuestSerial shell = new GuestSerial(serial, Duration.ofSeconds(20));
             MassStorageDevice stick = new MassStorageDevice(image, true, "BENCH0000001")) {
            UsbRedirHostSession session = UsbRedirClient.connect(redir, Duration.ofSeconds(20), stick, System.err::println);
            session.peerHello().get(20, TimeUnit.SECONDS);
            shell.awaitLine(0, l -> l.contains(GuestImageLocator.READY_MARKER), "the ready marker", Duration.ofSeconds(180));
            shell.awaitShell(Duration.ofSeconds(90));
            List<String> disks = shell.runUntil("for b in /sys/block/sd*; do [ -e $b ] && echo ${b##*/} $(cat $b/device/vendor); done",
                    out -> out.size() == 2, Duration.ofSeconds(90));
            String javaDisk = null, qemuDisk = null;
            for (String line : disks) {
                String[] f = line.split(" ", 2);
                if (f.length == 2 && f[1].startsWith("VMSTATN")) javaDisk = f[0]; else qemuDisk = f[0];
            }
            if (javaDisk == null || qemuDisk == null) throw new IllegalStateException("cannot tell the two disks apart: " + disks);
            double redirRate = read(shell, javaDisk);
            double emulatedRate = read(shell, qemuDisk);
            System.out.printf("usbredir (Java mass storage, %s): %.1f MiB/s%n", javaDisk, redirRate);
            System.out.printf("emulated usb-storage (%s):        %.1f MiB/s%n", qemuDisk, emulatedRate);
            System.out.printf("ratio usbredir/emulated: %.2f (QEMU %s, TCG, same image, same VM)%n", redirRate / emulatedRate,
                    new String(new ProcessBuilder(TestGuest.qemuBinary(), "--version").start().getInputStream().readAllBytes()).lines().findFirst().orElse("?"));
            session.close();
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Times {@code dd} of 64 MiB in the guest (host clock around the command; the shell round trip is milliseconds). */
    private static double read(GuestSerial shell, String disk) throws Exception {
        long start = System.nanoTime();
        List<String> out = shell.run("dd if=/dev/" + disk + " of=/dev/null bs=1M count=" + MIB + " 2>&1", Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (out.stream().noneMatch(l -> l.startsWith(MIB + "+0 records in"))) throw new IllegalStateException("dd on " + disk + " failed: " + out);
        return MIB / seconds;
    }
}
