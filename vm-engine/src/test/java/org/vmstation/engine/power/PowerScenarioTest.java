package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class PowerScenarioTest {
    static final String SIXTY_SECONDS = """
            # 60 s: unplug, discharge 80 -> 70 %, close and open the lid
            0     charge=80 status=charging ac=on lid=open
            5     ac=off status=discharging rate=15000
            6-46  charge=79..70
            50    lid=closed
            56    lid=open
            60s   rate=15000   # end marker
            """;

    @Test
    void parsesStepsAndRampsInTimeOrder() throws IOException {
        PowerScenario s = PowerScenario.parse(SIXTY_SECONDS, "sixty.txt");
        assertThat(s.steps()).hasSize(1 + 1 + 10 + 3);
        assertThat(s.steps()).extracting(PowerScenario.Step::atMillis).isSorted();
        assertThat(s.steps().get(2).atMillis()).isEqualTo(6000);
        assertThat(s.steps().get(2).description()).isEqualTo("charge 79 %");
        assertThat(s.steps().get(11).atMillis()).isEqualTo(46000);
        assertThat(s.steps().get(11).description()).isEqualTo("charge 70 %");
        assertThat(s.durationMillis()).isEqualTo(60000);
        PowerState start = s.initialState(PowerState.defaults().withChargePercent(10).withAcOnline(false));
        assertThat(start.chargePercent()).isEqualTo(80);
        assertThat(start.acOnline()).isTrue();
        PowerState afterUnplug = s.steps().get(1).edit().apply(start);
        assertThat(afterUnplug.acOnline()).isFalse();
        assertThat(afterUnplug.status()).isEqualTo(BatteryStatus.DISCHARGING);
        assertThat(afterUnplug.rateMw()).isEqualTo(15000);
    }

    @Test
    void pressesAreSteps() throws IOException {
        PowerScenario s = PowerScenario.parse("3 press=sleep\n4 press=power", "p.txt");
        assertThat(s.steps()).extracting(PowerScenario.Step::press).containsExactly(PowerScenario.Press.SLEEP, PowerScenario.Press.POWER);
    }

    @Test
    void errorsNameTheFileLineAndValue() {
        assertThatThrownBy(() -> PowerScenario.parse("0 ac=on\n2 charge=140", "bad.txt"))
                .hasMessage("bad.txt line 2: battery charge 140 % is out of range: expected 0 to 100");
        assertThatThrownBy(() -> PowerScenario.parse("1 rate=-3", "bad.txt")).hasMessageContaining("line 1: battery rate -3 mW is negative");
        assertThatThrownBy(() -> PowerScenario.parse("soon lid=open", "bad.txt")).hasMessage("bad.txt line 1: time 'soon' is not a number of seconds");
        assertThatThrownBy(() -> PowerScenario.parse("1 lid=ajar", "bad.txt")).hasMessage("bad.txt line 1: lid=ajar: expected open or closed");
        assertThatThrownBy(() -> PowerScenario.parse("1 volume=11", "bad.txt")).hasMessageContaining("unknown key 'volume'");
        assertThatThrownBy(() -> PowerScenario.parse("5-2 charge=1..2", "bad.txt")).hasMessageContaining("ramp '5-2' ends before it starts");
        assertThatThrownBy(() -> PowerScenario.parse("2-5 lid=open", "bad.txt")).hasMessageContaining("exactly one ramp");
        assertThatThrownBy(() -> PowerScenario.parse("# nothing\n", "empty.txt")).hasMessageContaining("empty.txt: no steps");
        assertThatThrownBy(() -> PowerScenario.parse("7", "bad.txt")).hasMessageContaining("line 1: '7' has a time but no change");
        assertThatThrownBy(() -> PowerScenario.parse("1 " + "x".repeat(2000), "long.txt")).hasMessageContaining("longer than 1000 characters");
    }
}
