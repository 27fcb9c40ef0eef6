package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.policy.ActionKind;
import org.vmstation.app.gui.policy.ConditionKind;
import org.vmstation.app.gui.policy.HostPolicyService;
import org.vmstation.app.gui.policy.PolicyEditorViewModel;
import org.vmstation.app.gui.policy.TargetKind;
import org.vmstation.app.gui.task.DirectTaskExecutor;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.host.HostStates;
import org.vmstation.engine.power.host.SettableHostPower;
import org.vmstation.engine.power.policy.PolicyRuleStore;
import org.vmstation.engine.power.policy.VmHostActuator;
import org.vmstation.engine.runtime.VmState;

/** The policy editor's view-model without a toolkit: rules saved as edited, the log and Undo. */
class PolicyEditorViewModelTest {
    @TempDir Path dir;
    private HostPolicyService service;
    private final SettableHostPower battery = new SettableHostPower(HostStates.onAc(90));

    @AfterEach
    void stop() { if (service != null) service.close(); }

    private PolicyEditorViewModel open(RecordingHost host, List<VmDefinition> vms) {
        PolicyRuleStore store = PolicyRuleStore.besideLibrary(dir.resolve("library.db"));
        service = HostPolicyService.start(store, battery, new VmHostActuator(host, () -> vms), Optional::empty, Duration.ofMinutes(5));
        return new PolicyEditorViewModel(service, new DirectTaskExecutor(), ZoneOffset.UTC);
    }

    @Test
    void addedAndEditedRulesAreSavedAndABadValueIsRefused() throws Exception {
        PolicyEditorViewModel vm = open(new RecordingHost(dir.resolve("run")), List.of());
        vm.addRule();
        assertThat(vm.rules()).singleElement().satisfies(r -> assertThat(r.text()).isEqualTo("On battery: pause background VMs"));
        assertThat(new PolicyRuleStore(dir.resolve("power-policy.json")).load()).hasSize(1);

        vm.form().whenProperty().set(ConditionKind.BATTERY_BELOW);
        vm.form().belowPercentProperty().set("150");
        assertThat(vm.applyForm()).isFalse();
        assertThat(vm.errorProperty().get()).isEqualTo("Battery below: '150' is not a percentage: expected a whole number from 1 to 100");

        vm.form().belowPercentProperty().set("15 %");
        vm.form().actionProperty().set(ActionKind.CPU_CAP);
        vm.form().cpuPercentProperty().set("25");
        vm.form().targetProperty().set(TargetKind.TAGGED);
        vm.form().tagProperty().set("build");
        assertThat(vm.applyForm()).isTrue();
        assertThat(vm.errorProperty().get()).isEmpty();
        vm.setEnabled(vm.rules().getFirst(), false);
        var saved = new PolicyRuleStore(dir.resolve("power-policy.json")).load();
        assertThat(saved).singleElement().satisfies(r -> {
            assertThat(r.describe()).isEqualTo("Battery below 15 %: cap CPU to 25 % VMs tagged build");
            assertThat(r.enabled()).isFalse();
        });

        vm.removeSelected();
        assertThat(vm.rules()).isEmpty();
        assertThat(new PolicyRuleStore(dir.resolve("power-policy.json")).load()).isEmpty();
    }

    @Test
    void aHostChangeShowsTheActionInTheLogAndUndoResumesTheVm() throws Exception {
        RecordingHost host = new RecordingHost(dir.resolve("run"));
        VmDefinition office = VmDefinition.builder("Office").build();
        host.states.put(office.id(), VmState.RUNNING);
        PolicyEditorViewModel vm = open(host, List.of(office));
        vm.addRule();
        battery.set(HostStates.onBattery(70));
        await(() -> !vm.log().isEmpty());
        assertThat(vm.log().getFirst().text()).contains("pause 'Office' — on battery (on battery, 70 %").endsWith("· in force");
        assertThat(vm.hostTextProperty().get()).startsWith("This computer: on battery, 70 %").contains("Read from: a battery set by the test");
        assertThat(host.calls).containsExactly("pause Office");

        vm.selectedLogProperty().set(vm.log().getFirst());
        assertThat(vm.canUndo().get()).isTrue();
        vm.undoSelected();
        await(() -> vm.log().getFirst().status().equals("undone"));
        assertThat(host.calls).containsExactly("pause Office", "resume Office");
        assertThat(vm.canUndo().get()).isFalse();
    }

    @Test
    void aBrokenRulesFileIsReportedAndNotApplied() throws Exception {
        Files.writeString(dir.resolve("power-policy.json"), "{\"version\": 1, \"rules\": [{\"id\": \"x\"}]}");
        PolicyEditorViewModel vm = open(new RecordingHost(dir.resolve("run")), List.of());
        assertThat(vm.rules()).isEmpty();
        assertThat(vm.errorProperty().get()).startsWith("The rules file could not be read, so no rule is in force: power-policy.json: rules[0].when is missing");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(20);
        }
    }
}
