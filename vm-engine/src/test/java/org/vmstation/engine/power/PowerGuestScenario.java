package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.GuestSerialLog;
import org.vmstation.engine.guest.SerialMarkerWatcher;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmState;

/** One booted test guest with the power devices, its probe armed, shared by the ordered tests of a class. */
final class PowerGuestScenario implements AutoCloseable {
    final Path folders;
    final LocalQemuHost host;
    final VmDefinition vm;
    final GuestSerialLog serial;
    final PowerController controller;

    private PowerGuestScenario(Path folders, LocalQemuHost host, VmDefinition vm) {
        this.folders = folders;
        this.host = host;
        this.vm = vm;
        this.serial = new GuestSerialLog(host.paths(vm).serialSocket(), host.paths(vm).serialLog());
        this.controller = PowerController.of(host.paths(vm));
    }

    static PowerGuestScenario boot(String machine) throws Exception {
        GuestImage guest = TestGuest.image();
        Path folders = Files.createTempDirectory("vms-power-vm");
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "vms-prt");
        QemuCapabilities caps = CapabilityProbe.probe(QemuBinaryLocator.locateQemu());
        LocalQemuHost host = new LocalQemuHost(new RuntimeDirectory(runtime), v -> folders.resolve(v.name()), () -> caps,
                List.of(new PowerBackend(new HostPowerReader(folders.resolve("no-host-battery")))));
        VmDefinition vm = VmDefinition.builder("power-" + machine).osType("linux").machineType(machine).memoryMiB(192).cpus(1)
                .kernelBoot(new KernelBoot(guest.kernel().toString(), guest.initrd().toString(),
                        GuestImageLocator.kernelCommandLine(List.of("power"))))
                .network(NetworkSpec.none()).serialConsole(true)
                .setting(PowerSettings.ENABLED, "true").setting(PowerSettings.SOURCE, "manual").build();
        PowerGuestScenario s = new PowerGuestScenario(folders, host, vm);
        try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(host.paths(vm).serialLog(), GuestImageLocator.READY_MARKER)) {
            assertThat(host.start(vm, StartOptions.defaults()).state()).isEqualTo(VmState.RUNNING);
            ready.future().get(120, TimeUnit.SECONDS);
        }
        GuestPowerProbe.arm(s.serial);
        return s;
    }

    /** Asks the guest what it sees now; returns the guest's answer line {@code VMSPWR values ...}. */
    String guestValues() throws IOException {
        long from = serial.position();
        serial.type("echo " + GuestSerialLog.MARK_IN_SHELL + "\" values capacity=$(cat /sys/class/power_supply/BAT0/capacity)"
                + " status=$(cat /sys/class/power_supply/BAT0/status) online=$(cat /sys/class/power_supply/ADP0/online)"
                + " lid=$(awk '{print $2}' /proc/acpi/button/lid/LID0/state)\"");
        return serial.await(from, Duration.ofSeconds(10), l -> l.startsWith(GuestSerialLog.MARK + " values"));
    }

    /** Polls the guest until its values line contains every part, or {@code timeout}; returns the last line seen. */
    String awaitGuestValues(Duration timeout, String... parts) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last;
        do {
            last = guestValues();
            if (last != null && List.of(parts).stream().allMatch(last::contains)) return last;
        } while (System.nanoTime() < deadline);
        return last;
    }

    @Override
    public void close() {
        try {
            if (host.status(vm).state().isActive()) host.powerOff(vm);
        } catch (Exception ignored) {
            // cleanup
        }
        host.close();
    }
}
