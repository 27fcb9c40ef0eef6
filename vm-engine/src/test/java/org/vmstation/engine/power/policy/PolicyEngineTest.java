package org.vmstation.engine.power.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmstation.engine.power.host.HostStates.lidClosed;
import static org.vmstation.engine.power.host.HostStates.onAc;
import static org.vmstation.engine.power.host.HostStates.onBattery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vmstation.engine.power.policy.AppliedAction.Status;
import org.vmstation.engine.runtime.VmState;

class PolicyEngineTest {
    private final RecordingActuator host = new RecordingActuator();
    private final AtomicReference<String> foreground = new AtomicReference<>();
    private final List<String> warnings = new ArrayList<>();
    private PolicyEngine engine;

    @BeforeEach
    void setUp() {
        engine = new PolicyEngine(host, () -> Optional.ofNullable(foreground.get()), Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        engine.addListener(new PolicyListener() {
            @Override public void logChanged(List<AppliedAction> log) { }
            @Override public void warning(String title, String message) { warnings.add(title + ": " + message); }
        });
    }

    private static PolicyRule rule(String id, PolicyCondition when, PolicyAction action, PolicyTarget target) {
        return new PolicyRule(id, true, when, action, target);
    }

    @Test
    void onBatteryPausesBackgroundVmsAndAcResumesThem() {
        host.add("a", VmState.RUNNING);
        host.add("b", VmState.RUNNING);
        host.add("shown", VmState.RUNNING);
        host.add("off", VmState.STOPPED);
        foreground.set("shown");
        engine.setRules(List.of(rule("r1", new PolicyCondition.OnBattery(), new PolicyAction.Pause(), new PolicyTarget.Background())));

        engine.evaluate(onAc(80));
        assertThat(host.calls).isEmpty();
        engine.evaluate(onBattery(79));
        assertThat(host.calls).containsExactly("pause a", "pause b");
        assertThat(host.state("shown")).isEqualTo(VmState.RUNNING);
        AppliedAction first = engine.log().getFirst();
        assertThat(first.status()).isEqualTo(Status.ACTIVE);
        assertThat(first.vmName()).isEqualTo("a");
        assertThat(first.at()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(first.reason()).isEqualTo("on battery (on battery, 79 %, discharging at 9000 mW, lid open)");
        assertThat(first.rule()).isEqualTo("On battery: pause background VMs");

        // edge-triggered: still on battery, nothing repeats even though the user resumed 'a'
        host.setState("a", VmState.RUNNING);
        engine.evaluate(onBattery(78));
        assertThat(host.calls).hasSize(2);

        engine.evaluate(onAc(78));
        assertThat(host.calls).containsExactly("pause a", "pause b", "resume a", "resume b");
        assertThat(engine.log()).allMatch(a -> a.status() == Status.UNDONE && a.detail().startsWith("no longer on battery"));
    }

    @Test
    void eachActionIsUndoableOnItsOwn() {
        host.add("a", VmState.RUNNING);
        host.add("b", VmState.RUNNING);
        engine.setRules(List.of(rule("r1", new PolicyCondition.LidClosed(), new PolicyAction.Pause(), new PolicyTarget.AllRunning())));
        engine.evaluate(lidClosed(onAc(50)));
        long idOfB = engine.log().get(1).id();

        engine.undo(idOfB);
        assertThat(host.state("b")).isEqualTo(VmState.RUNNING);
        assertThat(host.state("a")).isEqualTo(VmState.PAUSED);
        assertThat(engine.log().get(1).status()).isEqualTo(Status.UNDONE);
        assertThat(engine.log().get(1).detail()).isEqualTo("undone by the user");
        assertThatThrownBy(() -> engine.undo(idOfB)).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be undone");

        // lid opens: only 'a' is resumed, 'b' is not touched again
        engine.evaluate(onAc(50));
        assertThat(host.calls).containsExactly("pause a", "pause b", "resume b", "resume a");
    }

    @Test
    void overlappingPausesResumeOnlyWhenTheLastEnds() {
        host.add("a", VmState.RUNNING);
        engine.setRules(List.of(
                rule("bat", new PolicyCondition.OnBattery(), new PolicyAction.Pause(), new PolicyTarget.AllRunning()),
                rule("lid", new PolicyCondition.LidClosed(), new PolicyAction.Pause(), new PolicyTarget.AllRunning())));
        engine.evaluate(onBattery(60));
        engine.evaluate(lidClosed(onBattery(60)));
        assertThat(engine.log()).hasSize(2);
        assertThat(engine.log().get(1).detail()).contains("already paused by: On battery: pause all running VMs");

        engine.evaluate(lidClosed(onAc(60))); // AC back, lid still closed
        assertThat(host.state("a")).isEqualTo(VmState.PAUSED);
        assertThat(engine.log().getFirst().detail()).contains("still paused by: Lid closed");
        engine.evaluate(onAc(60));
        assertThat(host.state("a")).isEqualTo(VmState.RUNNING);
        assertThat(host.calls).containsExactly("pause a", "resume a");
    }

    @Test
    void aVmTheUserPausedIsLeftAlone() {
        host.add("mine", VmState.PAUSED);
        engine.setRules(List.of(rule("r", new PolicyCondition.OnBattery(), new PolicyAction.Pause(), new PolicyTarget.AllRunning())));
        engine.evaluate(onBattery(50));
        engine.evaluate(onAc(50));
        assertThat(host.calls).isEmpty();
        assertThat(host.state("mine")).isEqualTo(VmState.PAUSED);
    }

    @Test
    void cpuCapsTaggedVmsAndTheTighterCapWins() {
        host.add("build", VmState.RUNNING, "Build");
        host.add("desk", VmState.RUNNING);
        engine.setRules(List.of(
                rule("cap50", new PolicyCondition.OnBattery(), new PolicyAction.CpuCap(50), new PolicyTarget.Tagged("build")),
                rule("cap25", new PolicyCondition.BatteryBelow(30), new PolicyAction.CpuCap(25), new PolicyTarget.Tagged("build"))));
        engine.evaluate(onBattery(40));
        assertThat(host.caps).containsExactly(java.util.Map.entry("build", 50));
        engine.evaluate(onBattery(29));
        assertThat(host.caps.get("build")).isEqualTo(25);
        engine.evaluate(onAc(29)); // both end; the order of the rules lifts 50 first (25 stays), then 25
        assertThat(host.caps).isEmpty();
        assertThat(host.calls).containsExactly("cap build 50", "cap build 25", "cap build 25", "uncap build");
    }

    @Test
    void batteryBelowHoldsOnlyWhileDischarging() {
        PolicyCondition below = new PolicyCondition.BatteryBelow(15);
        assertThat(below.holds(onBattery(14))).isTrue();
        assertThat(below.holds(onBattery(15))).isFalse();
        assertThat(below.holds(onAc(10))).isFalse();
        assertThatThrownBy(() -> new PolicyCondition.BatteryBelow(0)).hasMessageContaining("expected 1 to 100");
    }

    @Test
    void suspendPausesInsteadAndWarnsHonestly() {
        host.add("a", VmState.RUNNING);
        engine.setRules(List.of(
                rule("s", new PolicyCondition.BatteryBelow(15), new PolicyAction.SuspendToDisk(), new PolicyTarget.AllRunning()),
                rule("w", new PolicyCondition.BatteryBelow(15), new PolicyAction.Warn(), new PolicyTarget.AllRunning())));
        engine.evaluate(onBattery(14));
        assertThat(host.calls).containsExactly("suspend a");
        assertThat(engine.log()).extracting(AppliedAction::status).containsExactly(Status.ACTIVE, Status.DONE);
        assertThat(engine.log().getFirst().detail()).isEqualTo("paused instead");
        assertThat(warnings).containsExactly("'a' was paused, not suspended to disk: paused instead",
                "Host power: battery below 15 %: on battery, 14 %, discharging at 9000 mW, lid open. Rule: Battery below 15 %: warn.");
        engine.evaluate(onAc(14));
        assertThat(host.state("a")).isEqualTo(VmState.RUNNING);
    }

    @Test
    void aFailedActionIsLoggedAndNotUndone() {
        host.add("a", VmState.RUNNING);
        host.failPauseOf = "a";
        engine.setRules(List.of(rule("r", new PolicyCondition.OnBattery(), new PolicyAction.Pause(), new PolicyTarget.AllRunning())));
        engine.evaluate(onBattery(50));
        assertThat(engine.log().getFirst().status()).isEqualTo(Status.FAILED);
        assertThat(engine.log().getFirst().detail()).isEqualTo("QMP stop failed: monitor gone");
        assertThat(warnings).containsExactly("Power policy could not pause 'a': QMP stop failed: monitor gone");
        engine.evaluate(onAc(50));
        assertThat(host.calls).containsExactly("pause a");
    }

    @Test
    void disablingOrRemovingARuleUndoesItsActionsAndANewRuleActsOnTheCurrentState() {
        host.add("a", VmState.RUNNING);
        PolicyRule r = rule("r", new PolicyCondition.OnBattery(), new PolicyAction.Pause(), new PolicyTarget.AllRunning());
        engine.evaluate(onBattery(50));
        engine.setRules(List.of(r)); // added while already on battery: acts at once
        assertThat(host.state("a")).isEqualTo(VmState.PAUSED);
        engine.setRules(List.of(r.withEnabled(false)));
        assertThat(host.state("a")).isEqualTo(VmState.RUNNING);
        assertThat(engine.log().getFirst().detail()).isEqualTo("rule disabled");
        engine.setRules(List.of(r));
        engine.setRules(List.of());
        assertThat(host.calls).containsExactly("pause a", "resume a", "pause a", "resume a");
        assertThat(engine.log().getLast().detail()).isEqualTo("rule removed");
        assertThatThrownBy(() -> engine.setRules(List.of(r, r))).hasMessageContaining("two rules have the id 'r'");
    }

    @Test
    void aVmThatStoppedMeanwhileEndsItsEntryQuietly() {
        host.add("a", VmState.RUNNING);
        engine.setRules(List.of(rule("r", new PolicyCondition.OnBattery(), new PolicyAction.CpuCap(25), new PolicyTarget.AllRunning())));
        engine.evaluate(onBattery(50));
        host.setState("a", VmState.STOPPED);
        RecordingActuator failing = host;
        engine.undoAll("window closed");
        assertThat(failing.calls).containsExactly("cap a 25", "uncap a");
        assertThat(engine.log().getFirst().status()).isEqualTo(Status.UNDONE);
        assertThat(engine.log().getFirst().detail()).isEqualTo("window closed");
    }
}
