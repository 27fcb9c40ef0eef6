package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host battery is the one thing this machine lacks: a fake sysfs tree stands in for it. */
class HostPowerReaderTest {
    @TempDir Path sys;

    @Test
    void followsTheHostsBatteryAndAdapter() throws Exception {
        supply("AC", "type", "Mains", "online", "0");
        supply("BAT0", "type", "Battery", "present", "1", "capacity", "57", "status", "Discharging", "power_now", "9876000");
        supply("hidpp_battery_0", "type", "Battery", "scope", "Device", "capacity", "5", "status", "Discharging");
        PowerState s = new HostPowerReader(sys).apply(PowerState.defaults());
        assertThat(s.acOnline()).isFalse();
        assertThat(s.chargePercent()).isEqualTo(57);
        assertThat(s.status()).isEqualTo(BatteryStatus.DISCHARGING);
        assertThat(s.rateMw()).isEqualTo(9876);
    }

    @Test
    void oddOrMissingValuesLeaveTheVmsValues() throws Exception {
        supply("BAT1", "type", "Battery", "capacity", "250", "status", "Exploding", "power_now", "lots");
        PowerState before = PowerState.defaults();
        assertThat(new HostPowerReader(sys).apply(before)).isEqualTo(before);
        assertThat(new HostPowerReader(sys.resolve("absent")).apply(before)).isEqualTo(before);
    }

    @Test
    void theHostSourceFollowsChangesIntoTheVmsRecord() throws Exception {
        supply("AC", "type", "Mains", "online", "1");
        supply("BAT0", "type", "Battery", "capacity", "90", "status", "Charging");
        Path rt = Files.createDirectories(sys.resolveSibling(sys.getFileName() + "-rt"));
        org.vmstation.engine.runtime.VmRuntimePaths paths = new org.vmstation.engine.runtime.VmRuntimePaths(rt, rt);
        try (HostPowerSource source = new HostPowerSource(new HostPowerReader(sys), java.time.Duration.ofMillis(100), PowerState.defaults())) {
            assertThat(source.initialState().chargePercent()).isEqualTo(90);
            PowerController.initialize(paths, source.initialState(), EventDelivery.unavailable("no VM in this test"), source.name());
            source.start(PowerController.of(paths));
            supply("AC", "online", "0");
            supply("BAT0", "capacity", "42", "status", "Discharging");
            long deadline = System.nanoTime() + 5_000_000_000L;
            PowerState s = PowerController.of(paths).current().state();
            while ((s.acOnline() || s.chargePercent() != 42) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                s = PowerController.of(paths).current().state();
            }
            assertThat(s.acOnline()).isFalse();
            assertThat(s.chargePercent()).isEqualTo(42);
            assertThat(s.status()).isEqualTo(BatteryStatus.DISCHARGING);
            assertThat(PowerController.of(paths).current().source()).isEqualTo("host");
        }
    }

    private void supply(String name, String... attrs) throws Exception {
        Path d = Files.createDirectories(sys.resolve(name));
        for (int i = 0; i < attrs.length; i += 2) Files.writeString(d.resolve(attrs[i]), attrs[i + 1] + "\n");
    }
}
