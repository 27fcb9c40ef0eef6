package org.vmstation.engine.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmRuntimePaths;
import org.vmstation.engine.storage.QemuImg;

/**
 * Every golden definition, recreated with real files under a temporary folder, is started by the installed
 * QEMU with the argv the builder makes: QEMU must accept it (reach its monitor) and exit cleanly when told to.
 */
class QemuArgvAcceptanceTest {
    @TempDir static Path base;
    static QemuCapabilities caps;

    @BeforeAll
    static void probe() {
        caps = new CapabilityProbe(ProcessRunner.system(), base.resolve("probe-cache"), AcceleratorChooser.forThisHost()).capabilities(RealQemu.BINARY);
    }

    static Stream<GoldenCases.Case> cases() { return GoldenCases.all().stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void realQemuAcceptsTheGeneratedCommandLine(GoldenCases.Case c) throws Exception {
        VmDefinition vm = c.vm();
        VmRuntimePaths paths = new VmRuntimePaths(base.resolve("run").resolve(c.name()), base.resolve("vms").resolve(c.folderName()));
        Files.createDirectories(paths.runtimeDir());
        Files.createDirectories(paths.logsDir());
        createFilesOf(vm, paths.vmFolder());

        QemuArgumentBuilder builder = new QemuArgumentBuilder(FirmwareLocator.standard());
        builder.prepareFiles(vm, paths);
        QemuCommandLine cmd = builder.commandLine(vm, paths, caps, StartOptions.defaults(), c.backends(),
                new BackendContext(vm.id(), paths, caps));
        if (vm.firmware() == Firmware.UEFI) {
            assertThat(QemuArgumentBuilder.nvramFile(paths)).isRegularFile().isNotEmptyFile();
        }

        try (RealQemu qemu = RealQemu.start(cmd.command(), paths.qmpSocket(), base.resolve("logs"))) {
            assertThat(paths.pidFile()).as("QEMU writes its pid file").isRegularFile();
            assertThat(Files.readString(paths.pidFile()).strip()).isEqualTo(String.valueOf(qemu.process.pid()));
            assertThat(paths.eventsSocket()).exists();
            if (vm.serialConsole()) assertThat(paths.serialSocket()).exists();
            assertThat(qemu.stop()).as("QEMU exits on SIGTERM").isTrue();
            assertThat(paths.pidFile()).as("QEMU removes its pid file on a clean exit (exit %s): %s", qemu.process.exitValue(), Files.readString(qemu.stderr)).doesNotExist();
        }
    }

    /** The disks, ISOs and kernel the definition names, as real files. */
    private static void createFilesOf(VmDefinition vm, Path folder) throws Exception {
        QemuImg img = QemuImg.locate();
        for (DiskSpec d : vm.disks()) {
            Path p = folder.resolve(d.path());
            Files.createDirectories(p.getParent());
            if (!Files.exists(p)) img.create(p, d.format(), 16L << 20);
        }
        for (CdromSpec c : vm.cdroms()) {
            if (c.isoPath() == null) continue;
            Path p = folder.resolve(c.isoPath());
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[1 << 20]);
        }
        if (vm.kernelBoot() != null) {
            Path kernel = folder.resolve(vm.kernelBoot().kernelPath());
            Files.createDirectories(kernel.getParent());
            Files.write(kernel, minimalBzImage());
            byte[] initrd = new byte[4096];
            new Random(1).nextBytes(initrd);
            Files.write(folder.resolve(vm.kernelBoot().initrdPath()), initrd);
        }
    }

    /**
     * The smallest file QEMU's x86 loader takes as a Linux bzImage (boot protocol 2.06 header). The guest
     * never runs because the CPUs stay stopped (-S); this only proves the -kernel/-initrd/-append argv is right.
     */
    static byte[] minimalBzImage() {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(0x1f1, (byte) 4);                 // setup_sects
        b.putShort(0x1fe, (short) 0xAA55);      // boot_flag
        b.putInt(0x202, 0x53726448);            // "HdrS"
        b.putShort(0x206, (short) 0x0206);      // protocol version
        b.put(0x211, (byte) 1);                 // loadflags: LOADED_HIGH
        b.putInt(0x22c, 0x37ffffff);            // initrd_addr_max
        b.putInt(0x238, 2047);                  // cmdline_size
        return b.array();
    }

}
