package org.vmstation.app.gui.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.power.HostPowerReader;
import org.vmstation.engine.power.HostPowerSource;
import org.vmstation.engine.power.PowerBackend;
import org.vmstation.engine.power.PowerController;
import org.vmstation.engine.power.PowerSettings;
import org.vmstation.engine.power.PowerState;
import org.vmstation.engine.power.StartedPowerSources;
import org.vmstation.engine.runtime.BackendContext;

/** The window's source runner on real power files; the host battery is a fake sysfs tree (the one thing faked). */
class PowerSourceRunnerTest {
    @TempDir Path dir;
    private PowerSourceRunner runner;

    @AfterEach
    void close() {
        if (runner != null) runner.close();
    }

    private PowerSourceRunner runner(PoweredVm v) {
        runner = new PowerSourceRunner(d -> v.paths, new HostPowerReader(dir.resolve("sys")), Duration.ofMillis(100), "the test window");
        return runner;
    }

    private void hostBattery(int percent, String status, boolean acOnline) throws Exception {
        Path bat = Files.createDirectories(dir.resolve("sys/BAT0"));
        Files.writeString(bat.resolve("type"), "Battery\n");
        Files.writeString(bat.resolve("capacity"), percent + "\n");
        Files.writeString(bat.resolve("status"), status + "\n");
        Path ac = Files.createDirectories(dir.resolve("sys/AC"));
        Files.writeString(ac.resolve("type"), "Mains\n");
        Files.writeString(ac.resolve("online"), (acOnline ? "1" : "0") + "\n");
    }

    private PowerState guest(PoweredVm v) throws Exception {
        return PowerController.of(v.paths).guestView().state();
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    private BooleanSupplier guestCharge(PoweredVm v, int percent) {
        return () -> {
            try {
                return guest(v).chargePercent() == percent;
            } catch (Exception e) {
                return false;
            }
        };
    }

    @Test
    void followsTheHostBatteryWhileTheVmRunsAndStopsWithIt() throws Exception {
        hostBattery(42, "Discharging", false);
        PoweredVm v = PoweredVm.start(dir, "microvm", b -> b.setting(PowerSettings.SOURCE, "host"));
        runner(v).observe(v.vm, true);

        assertThat(await(guestCharge(v, 42))).as("the guest follows the host's 42 %").isTrue();
        assertThat(guest(v).acOnline()).isFalse();
        SourceStatus s = runner.status(v.vm.id()).orElseThrow();
        assertThat(s.choice()).isEqualTo(SourceChoice.HOST);
        assertThat(s.running()).isTrue();
        assertThat(s.text()).isEqualTo("Following this computer's battery and charger (read every 100 ms).");
        assertThat(SourceLease.holder(v.paths.runtimeDir())).hasValueSatisfying(h -> assertThat(h).startsWith("the test window (pid "));

        runner.observe(v.vm, false); // the VM stopped
        runner.settle(Duration.ofSeconds(5));
        assertThat(runner.status(v.vm.id())).isEmpty();
        assertThat(SourceLease.holder(v.paths.runtimeDir())).isEmpty();
        hostBattery(10, "Discharging", false);
        Thread.sleep(400);
        assertThat(guest(v).chargePercent()).as("nothing follows the host once the VM stopped").isEqualTo(42);
    }

    @Test
    void aSourceRunByAnotherProcessIsLeftToItAndNamed() throws Exception {
        hostBattery(42, "Discharging", false);
        PoweredVm v = PoweredVm.start(dir, "microvm", b -> b.setting(PowerSettings.SOURCE, "host"));
        try (SourceLease other = SourceLease.tryTake(v.paths.runtimeDir(), "vmstation power --follow-host (pid 4242)").orElseThrow()) {
            runner(v).observe(v.vm, true);
            runner.settle(Duration.ofSeconds(5));
            SourceStatus s = runner.status(v.vm.id()).orElseThrow();
            assertThat(s.text()).isEqualTo("Follow host runs in vmstation power --follow-host (pid 4242), not in this window.");
            Thread.sleep(400);
            assertThat(guest(v).chargePercent()).as("this runner does not run it").isEqualTo(80);
        }
    }

    @Test
    void switchingToManualStopsFollowingTheHost() throws Exception {
        hostBattery(42, "Discharging", false);
        PoweredVm v = PoweredVm.start(dir, "microvm", b -> b.setting(PowerSettings.SOURCE, "host"));
        runner(v).observe(v.vm, true);
        assertThat(await(guestCharge(v, 42))).isTrue();

        runner.choose(v.vm, SourceChoice.MANUAL, null);
        runner.settle(Duration.ofSeconds(5));
        assertThat(runner.status(v.vm.id()).orElseThrow().text()).isEqualTo("Manual: the values change only when you set them.");
        assertThat(SourceLease.holder(v.paths.runtimeDir())).isEmpty();
        hostBattery(10, "Discharging", false);
        Thread.sleep(400);
        assertThat(guest(v).chargePercent()).isEqualTo(42);
    }

    @Test
    void theFollowHostSourceStartedWithTheVmHandsOverToManualAndBackWithoutARestart() throws Exception {
        hostBattery(42, "Discharging", false);
        StartedPowerSources started = new StartedPowerSources();
        PowerBackend backend = new PowerBackend(new HostPowerReader(dir.resolve("sys")), started);
        PoweredVm v = PoweredVm.startedBy(backend, dir, b -> b.setting(PowerSettings.SOURCE, "host"));
        hostBattery(55, "Discharging", false);
        assertThat(await(guestCharge(v, 55))).as("the engine's source follows the host (read every 2 s)").isTrue();
        runner = new PowerSourceRunner(d -> v.paths, base -> new HostPowerSource(new HostPowerReader(dir.resolve("sys")),
                Duration.ofMillis(100), base), "Following the test host.", "the test window", started);
        runner.observe(v.vm, true);
        runner.settle(Duration.ofSeconds(5));
        assertThat(runner.status(v.vm.id()).orElseThrow().text()).isEqualTo("Following this computer's battery and charger (started with the VM).");
        assertThat(SourceLease.holder(v.paths.runtimeDir())).hasValueSatisfying(h -> assertThat(h).startsWith("the test window (pid "));

        runner.choose(v.vm, SourceChoice.MANUAL, null);
        runner.settle(Duration.ofSeconds(5));
        SourceStatus manual = runner.status(v.vm.id()).orElseThrow();
        assertThat(manual.text()).isEqualTo("Manual: the values change only when you set them.");
        assertThat(manual.running()).isFalse();
        assertThat(started.running(v.vm.id())).as("the engine's source was stopped").isEmpty();
        assertThat(backend.stopSource(v.vm.id())).as("nothing left to stop").isFalse();
        assertThat(SourceLease.holder(v.paths.runtimeDir())).as("the lease is released").isEmpty();
        hostBattery(30, "Discharging", false);
        Thread.sleep(2_600); // longer than the engine source's 2-s reading interval
        assertThat(guest(v).chargePercent()).as("nothing follows the host any more").isEqualTo(55);

        runner.choose(v.vm, SourceChoice.HOST, null);
        assertThat(await(guestCharge(v, 30))).as("following again, now in the window's runner").isTrue();
        SourceStatus host = runner.status(v.vm.id()).orElseThrow();
        assertThat(host.running()).isTrue();
        assertThat(host.text()).isEqualTo("Following the test host.");
        assertThat(SourceLease.holder(v.paths.runtimeDir())).hasValueSatisfying(h -> assertThat(h).startsWith("the test window (pid "));

        runner.observe(v.vm, false); // the VM stopped
        backend.detach(v.vm, new BackendContext(v.vm.id(), v.paths, null));
        runner.settle(Duration.ofSeconds(5));
        assertThat(SourceLease.holder(v.paths.runtimeDir())).isEmpty();
    }

    @Test
    void stoppingAScenarioStartedWithTheVmStopsIt() throws Exception {
        Path scenario = Files.writeString(dir.resolve("drain.scenario"), "0 charge=90 ac=off\n1 charge=80\n3 charge=70\n5 charge=60\n");
        StartedPowerSources started = new StartedPowerSources();
        PowerBackend backend = new PowerBackend(new HostPowerReader(dir.resolve("sys")), started);
        PoweredVm v = PoweredVm.startedBy(backend, dir, b -> b.setting(PowerSettings.SOURCE, "script")
                .setting(PowerSettings.SCENARIO, scenario.toString()));
        runner = new PowerSourceRunner(d -> v.paths, base -> { throw new AssertionError("not asked"); }, "", "the test window", started);
        runner.observe(v.vm, true);
        runner.settle(Duration.ofSeconds(5));
        assertThat(runner.status(v.vm.id()).orElseThrow().text()).isEqualTo("Playing drain.scenario (started with the VM).");
        assertThat(await(guestCharge(v, 80))).as("the engine plays it").isTrue();

        runner.stopScenario(v.vm.id());
        runner.settle(Duration.ofSeconds(5));
        assertThat(started.running(v.vm.id())).isEmpty();
        assertThat(SourceLease.holder(v.paths.runtimeDir())).isEmpty();
        assertThat(runner.status(v.vm.id()).orElseThrow().choice()).isEqualTo(SourceChoice.MANUAL);
        int stoppedAt = guest(v).chargePercent();
        Thread.sleep(4_500); // past the scenario's end
        assertThat(guest(v).chargePercent()).as("no step after the stop").isEqualTo(stoppedAt).isGreaterThan(60);
    }

    @Test
    void aBadScenarioIsNamedAndNothingRuns() throws Exception {
        Path scenario = Files.writeString(dir.resolve("bad.scenario"), "0 charge=80\n5 charge=140\n");
        PoweredVm v = PoweredVm.start(dir, "microvm", b -> { });
        runner(v).observe(v.vm, true);
        runner.choose(v.vm, SourceChoice.SCRIPT, scenario);
        runner.settle(Duration.ofSeconds(5));
        SourceStatus s = runner.status(v.vm.id()).orElseThrow();
        assertThat(s.running()).isFalse();
        assertThat(s.text()).isEqualTo("Cannot play " + scenario + ": " + scenario + " line 2: battery charge 140 % is out of range: expected 0 to 100");
        assertThat(SourceLease.holder(v.paths.runtimeDir())).isEmpty();
    }

    @Test
    void theLeaseHasOneHolderAtATime() throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("rt"));
        Optional<SourceLease> first = SourceLease.tryTake(runtime, "first");
        assertThat(first).isPresent();
        assertThat(SourceLease.tryTake(runtime, "second")).isEmpty();
        assertThat(SourceLease.holder(runtime)).contains("first");
        first.get().close();
        assertThat(SourceLease.holder(runtime)).isEmpty();
        try (SourceLease second = SourceLease.tryTake(runtime, "second").orElseThrow()) {
            assertThat(SourceLease.holder(runtime)).contains("second");
        }
    }
}
