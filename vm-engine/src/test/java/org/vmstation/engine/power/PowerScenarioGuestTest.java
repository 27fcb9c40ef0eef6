package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The 60-s scenario (unplug, discharge 80 % to 70 %, lid closed and opened) replayed on the test guest; the
 * guest-side trace (uevents and input events, stamped with guest uptime) must follow the scenario in order.
 * The trace is kept in target/power-scenario-trace.txt.
 */
@Tag("guest")
class PowerScenarioGuestTest {
    @Test
    void sixtySecondScenarioGivesTheMatchingGuestTrace() throws Exception {
        PowerScenario scenario = PowerScenario.parse(PowerScenarioTest.SIXTY_SECONDS, "sixty-seconds");
        try (PowerGuestScenario g = PowerGuestScenario.boot("q35")) {
            g.controller.change(s -> scenario.initialState(s));
            Thread.sleep(1500);
            long from = g.serial.position();
            List<String> host = new CopyOnWriteArrayList<>();
            ScenarioSource source = new ScenarioSource(scenario, PowerState.defaults());
            source.onStep(host::add);
            source.replay(g.controller);
            Thread.sleep(1500); // the last step's events
            List<String> guest = g.serial.marks(from);

            List<String> trace = new ArrayList<>();
            trace.add("# host: scenario steps as replayed (time from the scenario start)");
            host.forEach(l -> trace.add("host  " + l));
            trace.add("# guest: probe output (guest uptime in seconds)");
            guest.forEach(l -> trace.add("guest " + l));
            Path out = Path.of("target", "power-scenario-trace.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, trace);

            // Every step but the end marker (which changes nothing) reached the guest as a notification.
            assertThat(host).hasSize(scenario.steps().size() - 1);
            assertThat(host.subList(0, host.size() - 1)).allSatisfy(l -> assertThat(l).contains("guest notified"));
            assertThat(host.getLast()).contains("nothing changed");
            List<String> expected = new ArrayList<>();
            expected.add("uevent change ADP0 online=0");
            for (int p = 79; p >= 70; p--) expected.add("uevent change BAT0 online= status=Discharging capacity=" + p);
            expected.add("input Lid_Switch type=5 code=0 value=1");
            expected.add("input Lid_Switch type=5 code=0 value=0");
            int at = 0;
            for (String want : expected) {
                int found = -1;
                for (int i = at; i < guest.size(); i++) {
                    if (guest.get(i).contains(want)) { found = i; break; }
                }
                assertThat(found).as("'%s' in the guest trace after line %d:%n%s", want, at, String.join("\n", guest)).isGreaterThanOrEqualTo(0);
                at = found + 1;
            }
            assertThat(g.guestValues()).contains("capacity=70", "status=Discharging", "online=0", "lid=open");
        }
    }
}
