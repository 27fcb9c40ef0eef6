package org.vmstation.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.SerialMarkerWatcher;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.qemu.QemuCapabilities;

/**
 * The runtime against real QEMU guests under TCG. The tests share two booted guests and run in order,
 * because each boot costs seconds: boot → pause/resume → second VM at once → disk in use → ACPI shutdown →
 * re-attach from a second host object → kill -9 → crashed.
 */
@Tag("guest")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalQemuHostGuestTest {
    @TempDir static Path folders;
    static Path runtimeBase;
    static LocalQemuHost host;
    static GuestImage guest;
    static VmDefinition alpha;
    static VmDefinition beta;
    static final List<VmStatus> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        guest = TestGuest.image();
        runtimeBase = Files.createTempDirectory(Path.of("/tmp"), "vms-rt");
        QemuCapabilities caps = CapabilityProbe.probe(QemuBinaryLocator.locateQemu());
        host = newHost(caps);
        host.watch(events::add);
        Path disk = folders.resolve("shared-disk.qcow2");
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "64M").inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        alpha = demo("alpha", List.of(new DiskSpec(disk.toString(), DiskFormat.QCOW2, DiskBus.VIRTIO, false)));
        beta = demo("beta", List.of());
    }

    static LocalQemuHost newHost(QemuCapabilities caps) {
        return new LocalQemuHost(new RuntimeDirectory(runtimeBase), vm -> folders.resolve(vm.name()), () -> caps, List.of());
    }

    static VmDefinition demo(String name, List<DiskSpec> disks) {
        return VmDefinition.builder(name).osType("linux").memoryMiB(192).cpus(1)
                .kernelBoot(new KernelBoot(guest.kernel().toString(), guest.initrd().toString(),
                        GuestImageLocator.kernelCommandLine(List.of("block"))))
                .disks(disks).network(NetworkSpec.none()).serialConsole(true).build();
    }

    @AfterAll
    static void tearDown() {
        for (VmDefinition vm : List.of(alpha, beta)) {
            try { if (host.status(vm).state().isActive()) host.powerOff(vm); } catch (Exception ignored) { /* cleanup */ }
        }
        host.close();
    }

    @Test
    @Order(1)
    void bootsToTheReadyMarker() throws Exception {
        try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(host.paths(alpha).serialLog(), GuestImageLocator.READY_MARKER)) {
            VmStatus status = host.start(alpha, StartOptions.defaults());
            assertThat(status.state()).isEqualTo(VmState.RUNNING);
            assertThat(status.pid()).isPositive();
            ready.future().get(90, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(host.paths(alpha).serialLog())).contains("vda");
        assertThat(Files.getPosixFilePermissions(host.paths(alpha).runtimeDir()))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    @Order(2)
    void pausesAndResumes() throws Exception {
        host.pause(alpha);
        assertThat(host.status(alpha).state()).isEqualTo(VmState.PAUSED);
        host.resume(alpha);
        assertThat(host.status(alpha).state()).isEqualTo(VmState.RUNNING);
    }

    @Test
    @Order(3)
    void refusesToStartTheSameVmTwice() {
        assertThatThrownBy(() -> host.start(alpha, StartOptions.defaults()))
                .isInstanceOf(VmOperationException.class)
                .hasMessageContaining("already running")
                .extracting(e -> ((VmOperationException) e).reason()).isEqualTo(VmOperationException.Reason.ALREADY_RUNNING);
    }

    @Test
    @Order(4)
    void runsTwoVmsAtOnce() throws Exception {
        try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(host.paths(beta).serialLog(), GuestImageLocator.READY_MARKER)) {
            host.start(beta, StartOptions.defaults());
            ready.future().get(90, TimeUnit.SECONDS);
        }
        assertThat(host.status(alpha).state()).isEqualTo(VmState.RUNNING);
        assertThat(host.status(beta).state()).isEqualTo(VmState.RUNNING);
        assertThat(host.status(alpha).pid()).isNotEqualTo(host.status(beta).pid());
    }

    @Test
    @Order(5)
    void refusesASecondVmOnADiskInUse() {
        VmDefinition gamma = demo("gamma", alpha.disks());
        assertThatThrownBy(() -> host.start(gamma, StartOptions.defaults()))
                .isInstanceOf(VmOperationException.class)
                .hasMessageContaining("in use")
                .hasMessageContaining("shared-disk.qcow2")
                .extracting(e -> ((VmOperationException) e).reason()).isEqualTo(VmOperationException.Reason.DISK_IN_USE);
        assertThat(host.status(gamma).state()).isEqualTo(VmState.STOPPED);
    }

    @Test
    @Order(6)
    void acpiShutdownEndsInStopped() throws Exception {
        assertThat(host.shutdown(beta, Duration.ofSeconds(60))).isTrue();
        VmStatus status = host.status(beta);
        assertThat(status.state()).isEqualTo(VmState.STOPPED);
        assertThat(Files.exists(host.paths(beta).pidFile())).isFalse();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.vmId()).isEqualTo(beta.id());
            assertThat(e.state()).isEqualTo(VmState.STOPPED);
        });
    }

    @Test
    @Order(7)
    void aSecondProcessReattachesWithTheTrueState() throws Exception {
        try (LocalQemuHost other = newHost(CapabilityProbe.probe(QemuBinaryLocator.locateQemu()))) {
            assertThat(other.status(alpha).state()).isEqualTo(VmState.RUNNING);
            other.pause(alpha);
            assertThat(host.status(alpha).state()).isEqualTo(VmState.PAUSED);
            other.resume(alpha);
            assertThat(other.status(beta).state()).isEqualTo(VmState.STOPPED);
        }
    }

    @Test
    @Order(8)
    void killMinusNineEndsInCrashedWithTheLogTail() throws Exception {
        long pid = host.status(alpha).pid();
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).start();
        assertThat(kill.waitFor()).isZero();
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        // A fresh host object stands for a VMStation process that was not watching when QEMU died.
        try (LocalQemuHost other = newHost(CapabilityProbe.probe(QemuBinaryLocator.locateQemu()))) {
            VmStatus status = other.status(alpha);
            assertThat(status.state()).isEqualTo(VmState.CRASHED);
            assertThat(status.detail()).contains("crashed or was killed");
            assertThat(status.lastLogLines()).isNotEmpty();
        }
        // It can be started again after a crash.
        assertThat(host.start(alpha, StartOptions.defaults()).state()).isEqualTo(VmState.RUNNING);
        host.powerOff(alpha);
        assertThat(host.status(alpha).state()).isEqualTo(VmState.STOPPED);
    }
}
