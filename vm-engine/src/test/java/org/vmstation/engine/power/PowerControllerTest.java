package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.qemu.QemuCommandLine;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.VmRuntimePaths;

/** The controller and backend without a running VM: files, validation, and honest "not notified" answers. */
class PowerControllerTest {
    @TempDir Path dir;

    VmRuntimePaths paths() throws Exception {
        return new VmRuntimePaths(Files.createDirectories(dir.resolve("rt")), Files.createDirectories(dir.resolve("vm")));
    }

    @Test
    void aChangeWithoutARunningVmIsKeptButNotClaimedAsDelivered() throws Exception {
        VmRuntimePaths paths = paths();
        PowerController.initialize(paths, PowerState.defaults(), EventDelivery.available("test"), "manual");
        PowerController c = PowerController.of(paths);
        assertThat(c.enabled()).isTrue();
        ChangeResult r = c.change(s -> s.withLidOpen(false));
        assertThat(r.notified()).isFalse();
        assertThat(r.message()).contains("could not be notified");
        assertThat(c.current().state().lidOpen()).isFalse();
        assertThat(c.current().counters().lid()).isEqualTo(1);
        assertThat(c.guestView().state().lidOpen()).isFalse();
        assertThat(c.change(s -> s).message()).isEqualTo("nothing changed");
    }

    @Test
    void unavailableEventsAreSaidSo() throws Exception {
        VmRuntimePaths paths = paths();
        PowerController.initialize(paths, PowerState.defaults(), EventDelivery.unavailable("machine type 'microvm' has no ISA line"), "manual");
        ChangeResult r = PowerController.of(paths).change(s -> s.withAcOnline(false));
        assertThat(r.notified()).isFalse();
        assertThat(r.message()).contains("gets no notification: machine type 'microvm' has no ISA line");
    }

    @Test
    void badValuesChangeNothing() throws Exception {
        VmRuntimePaths paths = paths();
        PowerController.initialize(paths, PowerState.defaults(), EventDelivery.available("test"), "manual");
        PowerController c = PowerController.of(paths);
        assertThatThrownBy(() -> c.change(s -> s.withChargePercent(140))).isInstanceOf(PowerValueException.class);
        assertThat(c.current().state()).isEqualTo(PowerState.defaults());
        assertThat(c.current().counters()).isEqualTo(ChangeCounters.ZERO);
    }

    @Test
    void aScribbledRegionIsRepairedAndEveryDeviceReannounced() throws Exception {
        VmRuntimePaths paths = paths();
        PowerController.initialize(paths, PowerState.defaults(), EventDelivery.available("test"), "manual");
        PowerController c = PowerController.of(paths);
        Files.write(c.files().region(), new byte[4096]);
        assertThatThrownBy(c::guestView).isInstanceOf(PowerRegionException.class);
        c.change(s -> s.withChargePercent(50));
        assertThat(c.guestView().state().chargePercent()).isEqualTo(50);
        assertThat(c.guestView().counters().lid()).isEqualTo(1);
        assertThat(c.guestView().counters().ac()).isEqualTo(1);
    }

    @Test
    void noRecordMeansNoPowerDevices() throws Exception {
        PowerController c = PowerController.of(paths());
        assertThat(c.enabled()).isFalse();
        assertThatThrownBy(c::current).hasMessageContaining("this VM has no power devices").hasMessageContaining("power.enabled=true");
    }

    @Test
    void backendAddsRegionSsdtAndEventDeviceOnlyWhenEnabled() throws Exception {
        VmRuntimePaths paths = paths();
        QemuCapabilities caps = new QemuCapabilities(Path.of("/usr/bin/qemu-system-x86_64"), "7.2.0", "", Set.of("q35", "pc"),
                Set.of("ivshmem-plain", "pc-testdev"), List.of("tcg"), "tcg", "test", Set.of());
        VmDefinition off = VmDefinition.builder("off").build();
        QemuCommandLine cmd = new QemuCommandLine(Path.of("qemu"));
        PowerBackend backend = new PowerBackend();
        backend.contribute(off, new BackendContext(off.id(), paths, caps), cmd);
        assertThat(cmd.arguments()).isEmpty();

        VmDefinition on = VmDefinition.builder("on").setting("power.enabled", "true").build();
        backend.contribute(on, new BackendContext(on.id(), paths, caps), cmd);
        String args = String.join(" ", cmd.arguments());
        assertThat(args).contains("memory-backend-file,id=vms-power-mem,share=on,mem-path=" + paths.runtimeDir().resolve("power.shm") + ",size=4096",
                "ivshmem-plain,id=vms-power-shm,memdev=vms-power-mem,addr=0x1c", "-device pc-testdev,id=vms-power-event",
                "-acpitable file=" + paths.runtimeDir().resolve("power-acpi/power-ssdt.aml"));
        assertThat(PowerController.of(paths).current().delivery().available()).isTrue();
        backend.detach(on, new BackendContext(on.id(), paths, caps));
    }

    @Test
    void settingsAndMachineTypesAreCheckedWithClearErrors() {
        Path vm = dir;
        assertThatThrownBy(() -> PowerSettings.from(Map.of("power.enabled", "yes"), vm)).hasMessage("setting power.enabled is 'yes': expected true or false");
        assertThatThrownBy(() -> PowerSettings.from(Map.of("power.source", "sun"), vm)).hasMessageContaining("expected manual, host or script");
        assertThatThrownBy(() -> PowerSettings.from(Map.of("power.source", "script"), vm)).hasMessageContaining("names no scenario file");
        assertThat(PowerSettings.from(Map.of("power.source", "script", "power.scenario", "s.txt"), vm).scenario()).isEqualTo(vm.resolve("s.txt"));
        VmDefinition micro = VmDefinition.builder("m").machineType("microvm").build();
        assertThat(PowerBackend.delivery(micro, null).available()).isFalse();
        assertThat(PowerBackend.delivery(micro, null).reason()).contains("microvm");
        assertThat(PowerBackend.delivery(VmDefinition.builder("p").machineType("pc-i440fx-7.2").build(), null).available()).isTrue();
        assertThat(List.of("q35", "pc")).allSatisfy(m -> assertThat(PowerBackend.delivery(VmDefinition.builder("x").machineType(m).build(), null).available()).isTrue());
    }
}
