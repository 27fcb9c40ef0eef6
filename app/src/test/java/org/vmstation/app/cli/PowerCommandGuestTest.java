package org.vmstation.app.cli;

import org.vmstation.app.cli.CliHarness.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.EngineContext;
import org.vmstation.app.gui.power.SourceLease;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.PowerSettings;

/** {@code vmstation power NAME --play} on a VM started by {@code vmstation start}: the foreground replay, step by step. */
@Tag("guest")
class PowerCommandGuestTest {
    @TempDir Path dir;

    Result run(String... args) {
        return CliHarness.run(dir.resolve("lib"), args);
    }

    @Test
    void playReplaysTheScenarioInTheForegroundAndRefusesASecondRunner() throws Exception {
        GuestImage guest = TestGuest.image();
        VmDefinition laptop;
        try (VmLibrary library = VmLibrary.open(dir.resolve("lib/library.db"))) {
            laptop = library.add(VmDefinition.builder("laptop").osType("linux").machineType("q35").memoryMiB(192).cpus(1)
                    .kernelBoot(new KernelBoot(guest.kernel().toString(), guest.initrd().toString(),
                            GuestImageLocator.kernelCommandLine(List.of("power"))))
                    .network(NetworkSpec.none()).serialConsole(true).setting(PowerSettings.ENABLED, "true").build()).definition();
        }
        Path scenario = Files.writeString(dir.resolve("unplug.scenario"),
                "0 charge=70 status=charging ac=on lid=open\n0.5 ac=off status=discharging\n1 lid=closed\n1.5-2.5 charge=69..68\n");
        Result started = run("start", "laptop");
        assertThat(started.code()).as(started.err()).isZero();
        try {
            Result played = run("power", "laptop", "--play", scenario.toString());
            assertThat(played.code()).as(played.err()).isZero();
            assertThat(played.out()).contains("Playing " + scenario + " on VM 'laptop' (2 s).")
                    .containsPattern("t=0\\.5\\d\\ds ac off, status discharging: guest notified")
                    .containsPattern("t=1\\.\\d+s lid closed: guest notified")
                    .contains("charge 69 %: guest notified", "charge 68 %: guest notified")
                    .endsWith("Scenario finished." + System.lineSeparator());
            Result shown = run("power", "laptop", "--show");
            assertThat(shown.out()).contains("68 %", "discharging", "AC:       offline", "Lid:      closed", "Region:   intact");

            Path runtime;
            try (EngineContext ctx = EngineContext.open(dir.resolve("lib"))) {
                runtime = ctx.host().paths(laptop).runtimeDir();
            }
            try (SourceLease window = SourceLease.tryTake(runtime, "the VMStation window (pid 4242)").orElseThrow()) {
                Result second = run("power", "laptop", "--follow-host");
                assertThat(second.code()).isEqualTo(ExitCodes.WRONG_STATE);
                assertThat(second.err()).contains("the power source of VM 'laptop' already runs in the VMStation window (pid 4242)");
            }
        } finally {
            run("stop", "laptop", "--force");
        }
    }
}
