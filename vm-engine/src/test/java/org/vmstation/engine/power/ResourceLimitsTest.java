package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmstation.engine.power.resource.ResourceLimits;

class ResourceLimitsTest {
    @Test
    void readsLimitsFromSettings() {
        ResourceLimits l = ResourceLimits.from(Map.of("resources.cpu-percent", "25", "resources.disk-bps", "2097152",
                "resources.balloon-mib", "512"), 2, 1024);
        assertThat(l.cpuPercent()).isEqualTo(25);
        assertThat(l.diskBytesPerSecond()).isEqualTo(2097152);
        assertThat(l.diskIops()).isZero();
        assertThat(l.balloonMiB()).isEqualTo(512);
        assertThat(ResourceLimits.from(Map.of(), 1, 256).isEmpty()).isTrue();
    }

    @Test
    void refusesImpossibleLimitsWithTheRange() {
        assertThatThrownBy(() -> ResourceLimits.from(Map.of("resources.cpu-percent", "250"), 2, 1024))
                .hasMessage("CPU limit 250 % is out of range: expected 1 to 200 % (100 % per virtual CPU)");
        assertThatThrownBy(() -> ResourceLimits.from(Map.of("resources.cpu-percent", "lots"), 1, 1024))
                .hasMessage("setting resources.cpu-percent is 'lots': expected a whole number");
        assertThatThrownBy(() -> ResourceLimits.from(Map.of("resources.disk-bps", "-1"), 1, 1024)).hasMessageContaining("expected 0 (no limit) or more");
        assertThatThrownBy(() -> ResourceLimits.from(Map.of("resources.balloon-mib", "4096"), 1, 1024))
                .hasMessage("balloon target 4096 MiB is out of range: expected 16 to 1024 MiB (the VM's memory)");
    }
}
