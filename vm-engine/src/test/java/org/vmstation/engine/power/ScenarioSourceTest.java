package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.runtime.VmRuntimePaths;

/** Replays in real time against the controller's files (no VM: each step says it could not notify). */
class ScenarioSourceTest {
    @TempDir Path dir;

    @Test
    void replaysStepsOnTimeAndEndsInTheScenariosState() throws Exception {
        VmRuntimePaths paths = new VmRuntimePaths(Files.createDirectories(dir.resolve("rt")), Files.createDirectories(dir.resolve("vm")));
        PowerScenario scenario = PowerScenario.parse("0 charge=80 ac=on\n0.2 ac=off\n0.4 lid=closed\n0.6 lid=open\n", "t");
        ScenarioSource source = new ScenarioSource(scenario, PowerState.defaults());
        PowerController.initialize(paths, source.initialState(), EventDelivery.unavailable("no VM in this test"), source.name());
        List<String> lines = new CopyOnWriteArrayList<>();
        source.onStep(lines::add);
        long t0 = System.nanoTime();
        source.replay(PowerController.of(paths));
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(550L, 5_000L);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("t=0\\.[2-9]\\d*s ac off: the guest reads the new values .*no VM in this test.*");
        PowerState end = PowerController.of(paths).current().state();
        assertThat(end.acOnline()).isFalse();
        assertThat(end.lidOpen()).isTrue();
        assertThat(PowerController.of(paths).current().counters().lid()).isEqualTo(2);
    }
}
