package org.vmstation.engine.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuBinaryLocatorTest {
    @TempDir Path dir;

    private Path executable(Path folder, String name) throws Exception {
        Files.createDirectories(folder);
        Path p = folder.resolve(name);
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private QemuBinaryLocator locator(Map<String, String> env) {
        return new QemuBinaryLocator(new HostEnvironment(env, "Linux", dir));
    }

    @Test
    void findsQemuOnPathInOrder() throws Exception {
        Path first = executable(dir.resolve("a"), "qemu-system-x86_64");
        executable(dir.resolve("b"), "qemu-system-x86_64");
        String path = dir.resolve("empty") + ":" + dir.resolve("a") + ":" + dir.resolve("b");
        assertThat(locator(Map.of("PATH", path)).locateSystem(null)).isEqualTo(first);
    }

    @Test
    void environmentVariableWinsOverPathAndConfigurationWinsOverBoth() throws Exception {
        executable(dir.resolve("a"), "qemu-system-x86_64");
        Path fromEnv = executable(dir.resolve("env"), "my-qemu");
        Path configured = executable(dir.resolve("cfg"), "other-qemu");
        Map<String, String> env = Map.of("PATH", dir.resolve("a").toString(), "VMSTATION_QEMU", fromEnv.toString());
        assertThat(locator(env).locateSystem(null)).isEqualTo(fromEnv);
        assertThat(locator(env).locateSystem(configured)).isEqualTo(configured);
    }

    @Test
    void missingQemuTellsWhatToInstall() {
        assertThatThrownBy(() -> locator(Map.of("PATH", dir.toString())).locateSystem(null))
                .isInstanceOf(QemuSetupException.class)
                .hasMessage("QEMU was not found: install qemu-system-x86 (Debian/Ubuntu) or set VMSTATION_QEMU");
    }

    @Test
    void badEnvironmentVariableNamesTheFile() throws Exception {
        Path notExecutable = Files.writeString(dir.resolve("qemu"), "x");
        assertThatThrownBy(() -> locator(Map.of("VMSTATION_QEMU", dir.resolve("nope").toString())).locateSystem(null))
                .hasMessageContaining(dir.resolve("nope").toString()).hasMessageContaining("VMSTATION_QEMU");
        assertThatThrownBy(() -> locator(Map.of("VMSTATION_QEMU", notExecutable.toString())).locateSystem(null))
                .hasMessageContaining("not executable");
    }

    @Test
    void qemuImgNextToQemuIsPreferredOverPath() throws Exception {
        Path qemu = executable(dir.resolve("install/bin"), "qemu-system-x86_64");
        Path sibling = executable(dir.resolve("install/bin"), "qemu-img");
        Path onPath = executable(dir.resolve("path"), "qemu-img");
        QemuBinaryLocator l = locator(Map.of("PATH", dir.resolve("path").toString()));
        assertThat(l.locateImg(qemu)).isEqualTo(sibling);
        assertThat(l.locateImg(executable(dir.resolve("lonely"), "qemu-system-x86_64"))).isEqualTo(onPath);
        assertThatThrownBy(() -> locator(Map.of()).locateImg(null)).hasMessageContaining("install qemu-utils");
    }

    @Test
    void macAlsoLooksInHomebrewFolders() {
        HostEnvironment mac = new HostEnvironment(Map.of("PATH", "/usr/bin"), "Mac OS X", dir);
        assertThat(mac.searchPath()).contains(Path.of("/opt/homebrew/bin"), Path.of("/usr/local/bin"));
        assertThat(new HostEnvironment(Map.of("PATH", "/usr/bin"), "Linux", dir).searchPath()).containsExactly(Path.of("/usr/bin"));
    }

    @Test
    void findsTheRealInstalledQemuAndQemuImg() {
        Path qemu = QemuBinaryLocator.locateQemu();
        if (System.getenv("VMSTATION_QEMU") == null) assertThat(qemu.getFileName()).hasToString("qemu-system-x86_64");
        assertThat(Files.isExecutable(qemu)).isTrue();
        assertThat(Files.isExecutable(QemuBinaryLocator.locateQemuImg())).isTrue();
    }
}
