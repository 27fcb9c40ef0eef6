package org.vmstation.engine.power.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstation.engine.power.host.HostStates.onAc;
import static org.vmstation.engine.power.host.HostStates.onBattery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.SerialMarkerWatcher;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.host.SettableHostPower;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmState;

/**
 * The policy against a real running guest: "on battery: pause background VMs" pauses it (QEMU says paused) when
 * the host goes on battery and resumes it when AC returns; "battery below 15 %: suspend to disk" pauses it and
 * says suspend to disk is not available. Only the host battery is faked.
 */
@Tag("guest")
class PolicyGuestTest {
    @Test
    void aRunningGuestIsPausedOnBatteryAndResumedOnAc() throws Exception {
        GuestImage guest = TestGuest.image();
        Path folders = Files.createTempDirectory("vms-policy-vm");
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "vms-prt");
        QemuCapabilities caps = CapabilityProbe.probe(QemuBinaryLocator.locateQemu());
        VmDefinition vm = VmDefinition.builder("policy-guest").osType("linux").memoryMiB(128).cpus(1)
                .kernelBoot(new KernelBoot(guest.kernel().toString(), guest.initrd().toString(), GuestImageLocator.kernelCommandLine(List.of())))
                .network(NetworkSpec.none()).serialConsole(true).build();
        try (LocalQemuHost host = new LocalQemuHost(new RuntimeDirectory(runtime), v -> folders.resolve(v.name()), () -> caps, List.of())) {
            try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(host.paths(vm).serialLog(), GuestImageLocator.READY_MARKER)) {
                host.start(vm, StartOptions.defaults());
                ready.future().get(120, TimeUnit.SECONDS);
            }
            try {
                PolicyEngine engine = new PolicyEngine(new VmHostActuator(host, () -> List.of(vm)), Optional::empty, Clock.systemUTC());
                engine.setRules(List.of(new PolicyRule("bg", true, new PolicyCondition.OnBattery(), new PolicyAction.Pause(), new PolicyTarget.Background())));
                SettableHostPower battery = new SettableHostPower(onAc(90));
                try (HostPolicyRunner runner = HostPolicyRunner.start(battery, engine, Duration.ofSeconds(30))) {
                    assertThat(awaitState(host, vm, VmState.RUNNING)).as("still running on AC").isTrue();

                    battery.set(onBattery(89));
                    assertThat(awaitState(host, vm, VmState.PAUSED)).as("paused when the host went on battery").isTrue();
                    // the engine records the action once the pause has returned, which can be just after the guest shows paused
                    for (int i = 0; i < 50 && engine.log().isEmpty(); i++) Thread.sleep(100);
                    assertThat(engine.log()).singleElement().satisfies(a -> {
                        assertThat(a.vmId()).isEqualTo(vm.id());
                        assertThat(a.status()).isEqualTo(AppliedAction.Status.ACTIVE);
                        assertThat(a.reason()).startsWith("on battery");
                    });

                    battery.set(onAc(89));
                    assertThat(awaitState(host, vm, VmState.RUNNING)).as("resumed when AC returned").isTrue();
                    for (int i = 0; i < 50 && engine.log().getFirst().status() != AppliedAction.Status.UNDONE; i++) Thread.sleep(100);
                    assertThat(engine.log().getFirst().status()).isEqualTo(AppliedAction.Status.UNDONE);

                    // suspend to disk is not available on this QEMU: the VM is paused and the log says so
                    engine.setRules(List.of(new PolicyRule("low", true, new PolicyCondition.BatteryBelow(15), new PolicyAction.SuspendToDisk(),
                            new PolicyTarget.AllRunning())));
                    battery.set(onBattery(12));
                    assertThat(awaitState(host, vm, VmState.PAUSED)).as("paused when the battery ran low").isTrue();
                    for (int i = 0; i < 50 && engine.log().size() < 2; i++) Thread.sleep(100);
                    assertThat(engine.log().getLast().detail()).isEqualTo(VmHostActuator.NO_SUSPEND);
                    assertThat(engine.log().getLast().status()).isEqualTo(AppliedAction.Status.ACTIVE);
                    battery.set(onAc(12));
                    assertThat(awaitState(host, vm, VmState.RUNNING)).as("resumed when AC returned").isTrue();
                }
            } finally {
                host.powerOff(vm);
            }
        }
    }

    private static boolean awaitState(LocalQemuHost host, VmDefinition vm, VmState want) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            if (host.status(vm).state() == want) return true;
            Thread.sleep(100);
        }
        return false;
    }
}
