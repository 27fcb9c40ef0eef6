package org.vmstation.app.gui.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.service.LibraryCatalog;
import org.vmstation.app.gui.task.DirectTaskExecutor;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.BatteryStatus;
import org.vmstation.engine.power.PowerController;
import org.vmstation.engine.power.PowerSettings;
import org.vmstation.engine.runtime.VmState;

/** The Power tab's view-model over the real power files of a VM (region, host record) and a real library. */
class PowerPanelViewModelTest {
    @TempDir Path dir;
    private final List<VmDefinition> saved = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private PowerSourceRunner runner;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    private PowerPanelViewModel panel(PoweredVm v, VmLibrary library) {
        runner = new PowerSourceRunner(d -> v.paths, new org.vmstation.engine.power.HostPowerReader(dir.resolve("none")),
                Duration.ofMillis(100), "the test window");
        open.add(runner);
        PowerPanelViewModel vm = new PowerPanelViewModel(v.host, new LibraryCatalog(library), new DirectTaskExecutor(), runner, saved::add);
        open.add(vm);
        return vm;
    }

    private VmLibrary library() throws Exception {
        VmLibrary library = VmLibrary.open(dir.resolve("library.db"));
        open.add(library);
        return library;
    }

    private static VmItem item(VmEntry entry, VmState state) {
        VmItem item = new VmItem(entry);
        item.stateProperty().set(state);
        return item;
    }

    @Test
    void showsWhatTheGuestSeesAndStatesThatEventsCannotBeDelivered() throws Exception {
        VmLibrary library = library();
        PoweredVm v = PoweredVm.start(dir, "microvm", b -> { });
        VmEntry entry = library.add(v.vm);
        PowerPanelViewModel vm = panel(v, library);
        vm.vmProperty().set(item(entry, VmState.RUNNING));

        assertThat(vm.unavailableProperty().get()).isEmpty();
        assertThat(vm.devicesProperty().get()).isTrue();
        assertThat(vm.chargeProperty().get()).isEqualTo(80);
        assertThat(vm.batteryTextProperty().get()).isEqualTo("80 % · charging at 10.0 W");
        assertThat(vm.acOnlineProperty().get()).isTrue();
        assertThat(vm.lidClosedProperty().get()).isFalse();
        assertThat(vm.eventsDeliveredProperty().get()).isFalse();
        assertThat(vm.eventsProperty().get()).startsWith("The guest gets no notifications")
                .contains("machine type 'microvm' has no ISA interrupt line");

        vm.setCharger(false);
        // read back from the shared region: what the guest reads
        assertThat(vm.acOnlineProperty().get()).isFalse();
        assertThat(vm.batteryStatusProperty().get()).isEqualTo(BatteryStatus.DISCHARGING);
        assertThat(PowerController.of(v.paths).guestView().state().acOnline()).isFalse();
        // never claimed as delivered
        assertThat(vm.lastChangeDeliveredProperty().get()).isFalse();
        assertThat(vm.lastChangeProperty().get()).startsWith("Charger pulled: the guest was not notified")
                .contains("gets no notification");

        vm.setLidClosed(true);
        assertThat(vm.lidClosedProperty().get()).isTrue();
        assertThat(PowerController.of(v.paths).guestView().state().lidOpen()).isFalse();

        vm.setBatteryState(35, BatteryStatus.DISCHARGING);
        assertThat(vm.chargeProperty().get()).isEqualTo(35);
        assertThat(vm.batteryTextProperty().get()).startsWith("35 % · discharging");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void badValuesAreRefusedWithTheReasonAndChangeNothing() throws Exception {
        VmLibrary library = library();
        PoweredVm v = PoweredVm.start(dir, "microvm", b -> { });
        PowerPanelViewModel vm = panel(v, library);
        vm.vmProperty().set(item(library.add(v.vm), VmState.RUNNING));

        vm.setBatteryState(140, null);
        assertThat(vm.lastChangeDeliveredProperty().get()).isFalse();
        assertThat(vm.lastChangeProperty().get()).isEqualTo("Battery set to 140 % failed: battery charge 140 % is out of range: expected 0 to 100");
        assertThat(vm.chargeProperty().get()).isEqualTo(80);

        vm.cpuLimitProperty().set("lots");
        vm.applyCpuLimit();
        assertThat(vm.resourceOkProperty().get()).isFalse();
        assertThat(vm.resourceResultProperty().get()).isEqualTo("CPU limit 'lots' is not a whole number of 0 or more.");
    }

    @Test
    void aGuestThatScribbledItsRegionIsShownAsSuchWithTheHostsValues() throws Exception {
        VmLibrary library = library();
        PoweredVm v = PoweredVm.start(dir, "microvm", b -> { });
        Files.write(PowerController.of(v.paths).files().region(), new byte[] {1, 2, 3, 4}, StandardOpenOption.WRITE);
        PowerPanelViewModel vm = panel(v, library);
        vm.vmProperty().set(item(library.add(v.vm), VmState.RUNNING));

        assertThat(vm.regionProblemProperty().get()).startsWith("The guest overwrote its power region").contains("magic is 0x04030201");
        assertThat(vm.chargeProperty().get()).isEqualTo(80);
        vm.setLidClosed(true); // the next change repairs the region
        assertThat(vm.regionProblemProperty().get()).isEmpty();
        assertThat(vm.lidClosedProperty().get()).isTrue();
    }

    @Test
    void aStoppedVmWithoutPowerDevicesOffersToEnableThemForTheNextStart() throws Exception {
        VmLibrary library = library();
        PoweredVm v = PoweredVm.stopped(dir, false);
        VmEntry entry = library.add(v.vm);
        PowerPanelViewModel vm = panel(v, library);
        VmItem item = item(entry, VmState.STOPPED);
        vm.vmProperty().set(item);

        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.devicesProperty().get()).isFalse();
        assertThat(vm.canEnableProperty().get()).isTrue();
        assertThat(vm.unavailableProperty().get()).isEqualTo(PowerPanelViewModel.NO_DEVICES + " Give it laptop power devices, then start it.");
        assertThat(vm.chargeProperty().get()).isEqualTo(-1);

        vm.enableForNextStart();
        assertThat(library.findById(v.vm.id()).orElseThrow().definition().settings()).containsEntry(PowerSettings.ENABLED, "true");
        assertThat(saved).hasSize(1);
        item.setDefinition(saved.getFirst()); // what the window's library does with the saved definition
        vm.refresh();
        assertThat(vm.canEnableProperty().get()).isFalse();
        assertThat(vm.unavailableProperty().get()).isEqualTo(PowerPanelViewModel.NOT_RUNNING);
    }

    @Test
    void aRunningVmStartedWithoutDevicesSaysSo() throws Exception {
        VmLibrary library = library();
        PoweredVm v = PoweredVm.stopped(dir, true);
        PowerPanelViewModel vm = panel(v, library);
        vm.vmProperty().set(item(library.add(v.vm), VmState.RUNNING));
        assertThat(vm.devicesProperty().get()).isFalse();
        assertThat(vm.unavailableProperty().get()).isEqualTo(PowerPanelViewModel.STARTED_WITHOUT);
    }

    @Test
    void choosingAScenarioSavesItAndPlayReplaysItOnTheGuestsValues() throws Exception {
        VmLibrary library = library();
        PoweredVm v = PoweredVm.start(dir, "microvm", b -> { });
        Path scenario = Files.writeString(dir.resolve("unplug.scenario"), "0 charge=60\n0.2 ac=off status=discharging\n0.4 lid=closed\n");
        PowerPanelViewModel vm = panel(v, library);
        VmItem item = item(library.add(v.vm), VmState.RUNNING);
        vm.vmProperty().set(item);

        vm.chooseScenario(scenario);
        assertThat(library.findById(v.vm.id()).orElseThrow().definition().settings())
                .containsEntry(PowerSettings.SOURCE, "script").containsEntry(PowerSettings.SCENARIO, scenario.toString());
        assertThat(vm.sourceProperty().get()).isEqualTo(SourceChoice.SCRIPT);
        item.setDefinition(saved.getLast());

        runner.observe(item.definition(), true); // the window's state poll saw it running
        runner.settle(Duration.ofSeconds(5));
        assertThat(runner.status(v.vm.id()).orElseThrow().text()).startsWith("Playing unplug.scenario");
        vm.play();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && !vm.stepProperty().get().contains("lid closed")) Thread.sleep(50);
        runner.settle(Duration.ofSeconds(5));
        assertThat(vm.stepProperty().get()).startsWith("step 2 of 2: t=0.4").contains("lid closed");
        var guest = PowerController.of(v.paths).guestView().state();
        assertThat(guest.chargePercent()).isEqualTo(60);
        assertThat(guest.acOnline()).isFalse();
        assertThat(guest.lidOpen()).isFalse();
        assertThat(vm.playingProperty().get()).isFalse();
        assertThat(vm.sourceTextProperty().get()).isEqualTo("Finished playing unplug.scenario; the values stay where it left them.");
    }
}
