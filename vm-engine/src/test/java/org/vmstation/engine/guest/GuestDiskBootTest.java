package org.vmstation.engine.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo guest's bootable disk: SeaBIOS → SYSLINUX → kernel → ready marker, with no -kernel. */
@Tag("guest")
class GuestDiskBootTest {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void theDiskBootsThroughTheBiosToTheReadyMarkerAndTheGuestSeesItsPartition(@TempDir Path dir) throws Exception {
        GuestDisk disk = TestGuestDisk.disk();
        byte[] mbr;
        try (var in = Files.newInputStream(disk.image())) {
            mbr = in.readNBytes(512);
        }
        assertThat(mbr[510] & 0xff).isEqualTo(0x55);
        assertThat(mbr[511] & 0xff).isEqualTo(0xaa);
        assertThat(mbr[446] & 0xff).as("the one partition is marked bootable").isEqualTo(0x80);

        // A copy as qcow2: the cached image itself is never written to.
        Path qcow2 = TestGuestDisk.convertedTo(dir.resolve("guest.qcow2"), "qcow2", null);
        Path serial = dir.resolve("serial.log");
        List<String> cmd = List.of(TestGuest.qemuBinary(), "-machine", "q35", "-accel", "tcg", "-m", "256",
                "-display", "none", "-monitor", "none", "-no-user-config", "-serial", "file:" + serial,
                "-drive", "file=" + qcow2 + ",format=qcow2,if=ide");
        Process qemu = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("qemu.out").toFile()).start();
        try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(serial, GuestImageLocator.READY_MARKER)) {
            Duration bootTime = ready.future().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            System.err.println("guest disk ready after " + bootTime.toMillis() + " ms");
            assertThat(ProbeOutput.parse(serial).get("block")).anyMatch(line -> line.endsWith(" sda1"));
        } catch (TimeoutException e) {
            throw new AssertionError("no " + GuestImageLocator.READY_MARKER + " within " + READY_TIMEOUT + "; serial log:\n"
                    + Files.readString(serial) + "\nqemu:\n" + Files.readString(dir.resolve("qemu.out")), e);
        } finally {
            qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondEnsureReusesTheCachedDisk() {
        GuestDisk first = TestGuestDisk.disk();
        GuestDisk again = new GuestDiskBuilder().ensure(TestGuest.image(), line -> {
            throw new AssertionError("rebuilt although nothing changed: " + line);
        });
        assertThat(again).isEqualTo(first);
    }
}
