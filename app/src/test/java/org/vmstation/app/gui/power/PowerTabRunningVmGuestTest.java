package org.vmstation.app.gui.power;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.service.LibraryCatalog;
import org.vmstation.app.gui.task.DirectTaskExecutor;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.HostPowerReader;
import org.vmstation.engine.power.HostPowerSource;
import org.vmstation.engine.power.PowerBackend;
import org.vmstation.engine.power.PowerController;
import org.vmstation.engine.power.PowerSettings;
import org.vmstation.engine.power.StartedPowerSources;
import org.vmstation.engine.power.resource.ResourceBackend;
import org.vmstation.engine.power.resource.ResourceLimits;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmState;

/**
 * The Power tab's view-model on a VM this process started with real QEMU (the guest need not finish booting: what
 * is checked is QEMU's and the engine's side). The host battery is a fake sysfs tree, the one thing faked.
 */
@Tag("guest")
class PowerTabRunningVmGuestTest {
    private static final long MIB = 1024 * 1024;
    @TempDir Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private LocalQemuHost host;
    private VmLibrary library;
    private VmDefinition vm;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
        if (host != null) {
            try {
                if (host.status(vm).state().isActive()) host.powerOff(vm);
            } finally {
                host.close();
            }
        }
    }

    private void hostBattery(int percent) throws Exception {
        Path bat = Files.createDirectories(dir.resolve("sys/BAT0"));
        Files.writeString(bat.resolve("type"), "Battery\n");
        Files.writeString(bat.resolve("capacity"), percent + "\n");
        Files.writeString(bat.resolve("status"), "Discharging\n");
        Path ac = Files.createDirectories(dir.resolve("sys/AC"));
        Files.writeString(ac.resolve("type"), "Mains\n");
        Files.writeString(ac.resolve("online"), "0\n");
    }

    /** Adds {@code definition} to a real library and starts it with the engine's backends, as the window does. */
    private VmItem start(VmDefinition.Builder definition) throws Exception {
        GuestImage guest = TestGuest.image();
        library = VmLibrary.open(dir.resolve("library.db"));
        open.add(library);
        vm = library.add(definition.osType("linux").machineType("q35").memoryMiB(192).cpus(1)
                .kernelBoot(new KernelBoot(guest.kernel().toString(), guest.initrd().toString(), GuestImageLocator.kernelCommandLine(List.of())))
                .network(NetworkSpec.none()).serialConsole(true).build()).definition();
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "vmstab");
        host = new LocalQemuHost(new RuntimeDirectory(runtime), v -> library.vmFolder(v.id()),
                () -> CapabilityProbe.probe(QemuBinaryLocator.locateQemu()),
                List.of(new PowerBackend(new HostPowerReader(dir.resolve("sys"))), new ResourceBackend()));
        host.start(vm, StartOptions.defaults());
        VmItem item = new VmItem(library.get(vm.id()));
        item.stateProperty().set(VmState.RUNNING);
        return item;
    }

    private PowerPanelViewModel panel(VmItem item, PowerSourceRunner runner) {
        open.add(runner);
        PowerPanelViewModel panel = new PowerPanelViewModel(host, new LibraryCatalog(library), new DirectTaskExecutor(), runner, item::setDefinition);
        open.add(panel);
        panel.vmProperty().set(item);
        return panel;
    }

    /** The byte-per-second limit QEMU applies to the VM's one disk now. */
    private long diskBps() throws Exception {
        JsonNode blocks = host.withControl(vm, c -> c.command("query-block", Map.of()));
        for (JsonNode b : blocks) {
            if (b.path("qdev").asText().contains("disk0")) return b.path("inserted").path("bps").asLong(-1);
        }
        throw new AssertionError("no disk0 in query-block: " + blocks);
    }

    @Test
    void aKeptDiskLimitIsAppliedNowSavedAndBackAfterARestart() throws Exception {
        Path disk = dir.resolve("data.raw");
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "raw", disk.toString(), "16M").inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        VmItem item = start(VmDefinition.builder("limits").disks(List.of(new DiskSpec(disk.toString(), DiskFormat.RAW, DiskBus.VIRTIO, false))));
        PowerPanelViewModel panel = panel(item, new PowerSourceRunner(host::paths, new HostPowerReader(dir.resolve("sys")),
                Duration.ofMillis(100), "the test window"));

        panel.diskLimitProperty().set("4");
        panel.applyDiskLimit();
        assertThat(panel.resourceResultProperty().get()).isEqualTo("Disks limited to 4 MiB/s (until the VM stops).");
        assertThat(diskBps()).isEqualTo(4 * MIB);
        assertThat(library.get(vm.id()).definition().settings()).as("not kept unless asked").doesNotContainKey(ResourceLimits.DISK_BPS);

        panel.keepLimitsProperty().set(true);
        panel.diskLimitProperty().set("8");
        panel.applyDiskLimit();
        assertThat(panel.resourceOkProperty().get()).isTrue();
        assertThat(panel.resourceResultProperty().get()).isEqualTo("Disks limited to 8 MiB/s now and from every start (saved in the VM's settings).");
        assertThat(diskBps()).isEqualTo(8 * MIB);
        assertThat(library.get(vm.id()).definition().settings()).containsEntry(ResourceLimits.DISK_BPS, Long.toString(8 * MIB));

        host.powerOff(vm);
        vm = library.get(vm.id()).definition();
        host.start(vm, StartOptions.defaults());
        assertThat(diskBps()).as("the kept limit applies at the next start").isEqualTo(8 * MIB);
    }

    @Test
    void theFollowHostSourceTheVmsStartBeganIsSwitchedToManualAndBack() throws Exception {
        hostBattery(42);
        VmItem item = start(VmDefinition.builder("laptop").setting(PowerSettings.ENABLED, "true").setting(PowerSettings.SOURCE, "host"));
        assertThat(StartedPowerSources.process().running(vm.id())).as("the engine runs it in this process").contains("host");
        PowerSourceRunner runner = new PowerSourceRunner(host::paths, base -> new HostPowerSource(new HostPowerReader(dir.resolve("sys")),
                Duration.ofMillis(100), base), "Following the test host.", "the test window");
        runner.observe(vm, true);
        PowerPanelViewModel panel = panel(item, runner);
        runner.settle(Duration.ofSeconds(5));
        assertThat(panel.sourceProperty().get()).isEqualTo(SourceChoice.HOST);
        assertThat(panel.sourceTextProperty().get()).isEqualTo("Following this computer's battery and charger (started with the VM).");
        hostBattery(55);
        assertThat(await(() -> guestCharge() == 55)).as("the engine's source follows the host").isTrue();

        panel.chooseSource(SourceChoice.MANUAL);
        runner.settle(Duration.ofSeconds(5));
        assertThat(panel.sourceTextProperty().get()).isEqualTo("Manual: the values change only when you set them.");
        assertThat(StartedPowerSources.process().running(vm.id())).as("the engine's source was stopped").isEmpty();
        assertThat(SourceLease.holder(host.paths(vm).runtimeDir())).as("the lease is released").isEmpty();
        assertThat(library.get(vm.id()).definition().settings()).containsEntry(PowerSettings.SOURCE, "manual");
        hostBattery(30);
        Thread.sleep(2_600); // longer than the engine source's 2-s reading interval
        assertThat(guestCharge()).as("nothing follows the host now").isEqualTo(55);

        panel.chooseSource(SourceChoice.HOST);
        assertThat(await(() -> guestCharge() == 30)).as("following again, in the window's runner").isTrue();
        runner.settle(Duration.ofSeconds(5));
        assertThat(panel.sourceTextProperty().get()).isEqualTo("Following the test host.");
        assertThat(SourceLease.holder(host.paths(vm).runtimeDir())).hasValueSatisfying(h -> assertThat(h).startsWith("the test window (pid "));
    }

    private int guestCharge() {
        try {
            return PowerController.of(host.paths(vm)).guestView().state().chargePercent();
        } catch (Exception e) {
            return -1;
        }
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
