package org.vmstation.engine.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.qemu.QemuErrorTranslator.Kind;
import org.vmstation.engine.storage.QemuImg;

class QemuErrorTranslatorTest {
    @TempDir Path dir;

    private static QemuErrorTranslator.Translation t(String... lines) { return QemuErrorTranslator.translate(List.of(lines)); }

    // ---------------------------------------------------------------- produced by the real QEMU

    @Test
    void secondVmOnTheSameDiskIsToldTheDiskIsInUse() throws Exception {
        Path disk = dir.resolve("shared disk, 1.qcow2");
        QemuImg.locate().create(disk, DiskFormat.QCOW2, 16L << 20);
        String file = "driver=file,filename=" + QemuOptions.escape(disk.toString()) + ",node-name=f";
        try (RealQemu first = RealQemu.startPaused(dir, "-blockdev", file, "-blockdev", "driver=qcow2,file=f,node-name=d",
                "-device", "virtio-blk-pci,drive=d")) {
            List<String> out = RealQemu.runToFailure(dir, "-blockdev", file, "-blockdev", "driver=qcow2,file=f,node-name=d",
                    "-device", "virtio-blk-pci,drive=d");
            var tr = QemuErrorTranslator.translate(out);
            assertThat(tr.kind()).as("from %s", out).isEqualTo(Kind.DISK_IN_USE);
            assertThat(tr.message()).isEqualTo("The disk " + disk + " is in use by another VM or program (QEMU holds a lock on it)."
                    + " Stop the other VM first.");
        }
    }

    @Test
    void secondQemuWithTheSamePidFileMeansAlreadyRunning() throws Exception {
        Path pid = dir.resolve("qemu.pid");
        try (RealQemu first = RealQemu.startPaused(dir, "-pidfile", pid.toString())) {
            List<String> out = RealQemu.runToFailure(dir, "-pidfile", pid.toString());
            var tr = QemuErrorTranslator.translate(out);
            assertThat(tr.kind()).as("from %s", out).isEqualTo(Kind.ALREADY_RUNNING);
            assertThat(tr.message()).startsWith("The VM is already running");
        }
    }

    @Test
    void missingDiskFileIsNamed() throws Exception {
        Path missing = dir.resolve("gone.qcow2");
        List<String> out = RealQemu.runToFailure(dir, "-blockdev", "driver=file,filename=" + missing + ",node-name=f");
        var tr = QemuErrorTranslator.translate(out);
        assertThat(tr.kind()).isEqualTo(Kind.MISSING_FILE);
        assertThat(tr.message()).isEqualTo("The file " + missing + " does not exist.");
    }

    @Test
    void missingKernelIsNamed() throws Exception {
        Path missing = dir.resolve("vmlinuz");
        var tr = QemuErrorTranslator.translate(RealQemu.runToFailure(dir, "-kernel", missing.toString()));
        assertThat(tr.kind()).isEqualTo(Kind.MISSING_FILE);
        assertThat(tr.message()).isEqualTo("The file " + missing + " does not exist.");
    }

    @Test
    void unknownDeviceModel() throws Exception {
        var tr = QemuErrorTranslator.translate(RealQemu.runToFailure(dir, "-device", "xyz"));
        assertThat(tr.kind()).isEqualTo(Kind.NO_SUCH_DEVICE);
        assertThat(tr.message()).startsWith("This QEMU has no device 'xyz' (");
    }

    @Test
    void kvmOnAHostWithoutKvm() throws Exception {
        var tr = QemuErrorTranslator.translate(RealQemu.runToFailure(dir, "-machine", "q35,accel=kvm"));
        if (Files.exists(Path.of("/dev/kvm"))) {
            assertThat(tr.kind()).isIn(Kind.KVM_UNAVAILABLE, Kind.OTHER);
        } else {
            assertThat(tr.kind()).isEqualTo(Kind.KVM_UNAVAILABLE);
            assertThat(tr.message()).contains("KVM hardware acceleration is not available");
        }
    }

    @Test
    void wrongFormatNamesTheDisk() throws Exception {
        Path raw = Files.write(dir.resolve("plain.img"), new byte[1 << 20]);
        var tr = QemuErrorTranslator.translate(RealQemu.runToFailure(dir, "-blockdev",
                "driver=qcow2,file.driver=file,file.filename=" + raw + ",node-name=d"));
        assertThat(tr.kind()).isEqualTo(Kind.WRONG_FORMAT);
        assertThat(tr.message()).contains(raw.toString()).contains("not a qcow2 image");
    }

    @Test
    void unknownMachineType() throws Exception {
        var tr = QemuErrorTranslator.translate(RealQemu.runToFailure(dir, "-machine", "no-such-board"));
        assertThat(tr.kind()).isEqualTo(Kind.NO_SUCH_MACHINE);
    }

    // ---------------------------------------------------------------- recorded samples

    @Test
    void permissionDeniedNamesTheFile() {
        var tr = t("2026-01-02T03:04:05.123456Z qemu-system-x86_64: -blockdev driver=file,filename=/srv/vm/disk.qcow2,node-name=f: "
                + "Could not open '/srv/vm/disk.qcow2': Permission denied");
        assertThat(tr.kind()).isEqualTo(Kind.PERMISSION_DENIED);
        assertThat(tr.message()).startsWith("QEMU may not open /srv/vm/disk.qcow2: permission denied");
    }

    @Test
    void kvmPermissionTellsToJoinTheGroup() {
        var tr = t("Could not access KVM kernel module: Permission denied", "qemu-system-x86_64: failed to initialize kvm: Permission denied");
        assertThat(tr.kind()).isEqualTo(Kind.KVM_UNAVAILABLE);
        assertThat(tr.message()).contains("kvm group");
    }

    @Test
    void lockErrorWithoutTheSecondLineStillNamesTheDiskFromTheOption() {
        var tr = t("qemu-system-x86_64: -blockdev driver=qcow2,file.filename=/vms/a,,b.qcow2,node-name=d: Failed to get \"write\" lock");
        assertThat(tr.kind()).isEqualTo(Kind.DISK_IN_USE);
        assertThat(tr.message()).startsWith("The disk /vms/a,b.qcow2 is in use");
    }

    @Test
    void portForwardCollision() {
        var tr = t("qemu-system-x86_64: -netdev user,id=net0,hostfwd=tcp:127.0.0.1:2222-:22: Could not set up host forwarding rule 'tcp:127.0.0.1:2222-:22'");
        assertThat(tr.kind()).isEqualTo(Kind.PORT_IN_USE);
        assertThat(tr.message()).contains("tcp:127.0.0.1:2222-:22").contains("in use");
    }

    @Test
    void outOfMemory() {
        var tr = t("qemu-system-x86_64: cannot set up guest memory 'pc.ram': Cannot allocate memory");
        assertThat(tr.kind()).isEqualTo(Kind.OUT_OF_MEMORY);
    }

    @Test
    void unknownErrorFallsBackToTheLastErrorLineWithoutPrefixes() {
        var tr = t("2026-01-02T03:04:05.123456Z qemu-system-x86_64: something odd happened",
                "2026-01-02T03:04:05.223456Z qemu-system-x86_64: warning: host doesn't support requested feature");
        assertThat(tr.kind()).isEqualTo(Kind.OTHER);
        assertThat(tr.message()).isEqualTo("something odd happened");
        assertThat(t().message()).isEqualTo("QEMU stopped without printing an error.");
        assertThat(t("", "  ").kind()).isEqualTo(Kind.OTHER);
    }
}
