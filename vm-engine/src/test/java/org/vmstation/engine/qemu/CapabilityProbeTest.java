package org.vmstation.engine.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapabilityProbeTest {
    @TempDir Path dir;

    private final AtomicInteger runs = new AtomicInteger();
    private final ProcessRunner counting = (command, timeout) -> {
        runs.incrementAndGet();
        return ProcessRunner.system().run(command, timeout);
    };

    private CapabilityProbe probe() {
        return new CapabilityProbe(counting, dir.resolve("cache"), new AcceleratorChooser(
                new HostEnvironment(Map.of(), "Linux", dir), dir.resolve("no-kvm")));
    }

    @Test
    void probesTheInstalledQemu() {
        QemuCapabilities caps = probe().capabilities(RealQemu.BINARY);
        assertThat(caps.atLeast(7, 2)).as("version %s", caps.version()).isTrue();
        assertThat(caps.version()).matches("\\d+\\.\\d+(\\.\\d+)?");
        assertThat(caps.machines()).contains("q35", "pc");
        assertThat(caps.machines().stream().anyMatch(m -> m.startsWith("pc-q35-"))).isTrue();
        assertThat(caps.devices()).contains("virtio-vga", "qemu-xhci", "virtio-blk-pci", "ide-cd", "usb-tablet", "isa-serial")
                .contains("ahci"); // aliases count too
        assertThat(caps.accelerators()).contains("tcg");
        assertThat(caps.accelerators().getLast()).as("tcg is the last resort").isEqualTo("tcg");
        assertThat(caps.displays()).contains("none", "vnc");
        assertThat(caps.usableAccelerator()).isEqualTo("tcg");
        assertThat(caps.acceleratorReason()).contains("is missing");
        assertThat(caps.binary()).isEqualTo(RealQemu.BINARY);
    }

    @Test
    void secondProbeOfTheSameBinaryComesFromTheCacheWithoutRunningIt() throws Exception {
        CapabilityProbe probe = probe();
        QemuCapabilities first = probe.capabilities(RealQemu.BINARY);
        int afterFirst = runs.get();
        assertThat(afterFirst).isGreaterThanOrEqualTo(5);
        Path cacheFile = probe.cacheFile(RealQemu.BINARY);
        assertThat(cacheFile).isRegularFile().hasParent(dir.resolve("cache"));
        assertThat(Files.readString(cacheFile)).contains("\"q35\"");

        QemuCapabilities second = probe().capabilities(RealQemu.BINARY);
        assertThat(runs.get()).as("processes started by the second probe").isEqualTo(afterFirst);
        assertThat(second).isEqualTo(first);

        probe.fresh(RealQemu.BINARY);
        assertThat(runs.get()).as("probeFresh runs the binary again").isGreaterThan(afterFirst);
    }

    @Test
    void damagedCacheEntryIsReprobed() throws Exception {
        CapabilityProbe probe = probe();
        Path cacheFile = probe.cacheFile(RealQemu.BINARY);
        Files.createDirectories(cacheFile.getParent());
        Files.writeString(cacheFile, "{ not json");
        QemuCapabilities caps = probe.capabilities(RealQemu.BINARY);
        assertThat(caps.machines()).contains("q35");
        assertThat(runs.get()).isPositive();
        assertThat(Files.readString(cacheFile)).contains("\"q35\"");
    }

    @Test
    void aChangedBinaryGetsANewCacheKey() throws Exception {
        Path copy = dir.resolve("qemu-copy");
        Files.copy(RealQemu.BINARY, copy);
        CapabilityProbe probe = probe();
        Path before = probe.cacheFile(copy);
        Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(copy).toMillis() - 60_000));
        assertThat(probe.cacheFile(copy)).isNotEqualTo(before);
    }

    @Test
    void defaultCacheFolderFollowsXdgCacheHome() {
        HostEnvironment xdg = new HostEnvironment(Map.of("XDG_CACHE_HOME", "/var/cache/u"), "Linux", Path.of("/home/u"));
        assertThat(CapabilityProbe.defaultCacheDir(xdg)).isEqualTo(Path.of("/var/cache/u/vmstation/qemu-probe"));
        HostEnvironment plain = new HostEnvironment(Map.of(), "Linux", Path.of("/home/u"));
        assertThat(CapabilityProbe.defaultCacheDir(plain)).isEqualTo(Path.of("/home/u/.cache/vmstation/qemu-probe"));
    }

    @Test
    void aBinaryThatIsNotQemuIsReportedClearly() throws Exception {
        Path fake = dir.resolve("not-qemu");
        Files.writeString(fake, "#!/bin/sh\necho hello\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> probe().fresh(fake)).isInstanceOf(QemuSetupException.class)
                .hasMessageContaining(fake.toString()).hasMessageContaining("does not look like QEMU");
    }

    @Test
    void aFailingBinaryReportsItsExitCodeAndMessage() throws Exception {
        Path fake = dir.resolve("broken-qemu");
        Files.writeString(fake, "#!/bin/sh\necho 'cannot load libfoo.so' >&2\nexit 127\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> probe().fresh(fake)).isInstanceOf(QemuSetupException.class)
                .hasMessageContaining("exit code 127").hasMessageContaining("cannot load libfoo.so");
    }

    @Test
    void helpParserReadsNamesAndAliases() {
        String devices = "Storage devices:\nname \"ich9-ahci\", bus PCI, alias \"ahci\"\nname \"ide-cd\", bus IDE, desc \"virtual IDE CD-ROM\"\n";
        assertThat(QemuHelpParser.devices(devices)).containsExactly("ich9-ahci", "ahci", "ide-cd");
        String machines = "Supported machines are:\nq35                  Standard PC (Q35 + ICH9, 2009) (alias of pc-q35-7.2)\npc-q35-7.2           Standard PC (Q35 + ICH9, 2009)\nnone                 empty machine\n";
        assertThat(QemuHelpParser.machines(machines)).containsExactly("q35", "pc-q35-7.2", "none");
        assertThat(QemuHelpParser.version("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright"))
                .containsExactly("7.2.22", "Debian 1:7.2+dfsg-7+deb12u18+b3");
        assertThat(QemuHelpParser.version("QEMU emulator version 9.1.0\n")).containsExactly("9.1.0", "");
        assertThat(QemuHelpParser.listAfterHeader("Accelerators supported in QEMU binary:\ntcg\nkvm\n")).isEqualTo(List.of("tcg", "kvm"));
    }
}
