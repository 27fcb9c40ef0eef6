package org.vmstation.engine.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceleratorChooserTest {
    @TempDir Path dir;

    private static HostEnvironment host(String os) { return new HostEnvironment(Map.of(), os, Path.of("/home/u")); }

    @Test
    void linuxWithUsableKvmDeviceChoosesKvm() throws Exception {
        Path kvm = Files.createFile(dir.resolve("kvm"));
        var choice = new AcceleratorChooser(host("Linux"), kvm).choose(List.of("kvm", "tcg"));
        assertThat(choice.accelerator()).isEqualTo("kvm");
        assertThat(choice.reason()).contains("KVM");
    }

    @Test
    void missingKvmDeviceFallsBackToTcgAndSaysWhy() {
        var choice = new AcceleratorChooser(host("Linux"), dir.resolve("kvm")).choose(List.of("kvm", "tcg"));
        assertThat(choice.accelerator()).isEqualTo("tcg");
        assertThat(choice.reason()).contains(dir.resolve("kvm") + " is missing").contains("TCG");
    }

    @Test
    void kvmDeviceWithoutPermissionTellsToJoinTheKvmGroup() throws Exception {
        Path kvm = Files.createFile(dir.resolve("kvm"));
        var choice = new AcceleratorChooser(host("Linux"), kvm, p -> false).choose(List.of("kvm", "tcg"));
        assertThat(choice.accelerator()).isEqualTo("tcg");
        assertThat(choice.reason()).contains("add yourself to the kvm group");
    }

    @Test
    void qemuWithoutKvmUsesTcg() throws Exception {
        Path kvm = Files.createFile(dir.resolve("kvm"));
        var choice = new AcceleratorChooser(host("Linux"), kvm).choose(List.of("tcg"));
        assertThat(choice.accelerator()).isEqualTo("tcg");
        assertThat(choice.reason()).contains("without KVM");
    }

    @Test
    void macUsesHvfAndWindowsUsesWhpx() {
        assertThat(new AcceleratorChooser(host("Mac OS X"), dir.resolve("kvm")).choose(List.of("hvf", "tcg")).accelerator()).isEqualTo("hvf");
        assertThat(new AcceleratorChooser(host("Windows 11"), dir.resolve("kvm")).choose(List.of("whpx", "tcg")).accelerator()).isEqualTo("whpx");
        assertThat(new AcceleratorChooser(host("Windows 11"), dir.resolve("kvm")).choose(List.of("tcg")).accelerator()).isEqualTo("tcg");
    }

    @Test
    void thisHostHasNoKvmSoTheRealChooserSaysTcg() {
        // The build machine has no /dev/kvm; where it has one, the answer must be kvm instead.
        var choice = AcceleratorChooser.forThisHost().choose(List.of("kvm", "tcg"));
        assertThat(choice.accelerator()).isEqualTo(Files.exists(Path.of("/dev/kvm")) && Files.isWritable(Path.of("/dev/kvm")) ? "kvm" : "tcg");
        assertThat(choice.reason()).isNotBlank();
    }
}
