package org.vmstation.engine.power.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.power.BatteryStatus;

/** The sysfs reader on a temporary {@code power_supply} tree and {@code /proc/acpi/button/lid} tree. */
class SysfsPowerSupplyTest {
    @TempDir Path dir;

    private Path supply(String name, String... attrs) throws IOException {
        Path d = Files.createDirectories(dir.resolve("ps").resolve(name));
        for (int i = 0; i < attrs.length; i += 2) Files.writeString(d.resolve(attrs[i]), attrs[i + 1] + "\n");
        return d;
    }

    @Test
    void laptopOnBatteryWithClosedLid() throws Exception {
        supply("AC", "type", "Mains", "online", "0");
        supply("BAT0", "type", "Battery", "present", "1", "capacity", "14", "status", "Discharging", "power_now", "7300000");
        supply("hidpp_battery_0", "type", "Battery", "scope", "Device", "capacity", "100", "status", "Full");
        Files.createDirectories(dir.resolve("lid/LID0"));
        Files.writeString(dir.resolve("lid/LID0/state"), "state:      closed\n");
        HostPowerSnapshot s = new SysfsPowerSupply(dir.resolve("ps"), dir.resolve("lid")).read();
        assertThat(s.onBattery()).isTrue();
        assertThat(s.chargePercent()).isEqualTo(OptionalInt.of(14));
        assertThat(s.status()).contains(BatteryStatus.DISCHARGING);
        assertThat(s.rateMw().getAsLong()).isEqualTo(7300);
        assertThat(s.isLidClosed()).isTrue();
        assertThat(s.summary()).isEqualTo("on battery, 14 %, discharging at 7300 mW, lid closed");
    }

    @Test
    void oddValuesAreNotReportedAndHugeFilesAreReadOnlyInPart() throws Exception {
        supply("BAT1", "type", "Battery", "capacity", "140", "status", "Exploding", "power_now", "-5");
        supply("AC", "type", "Mains", "online", "x".repeat(100_000));
        HostPowerSnapshot s = new SysfsPowerSupply(dir.resolve("ps"), dir.resolve("none")).read();
        assertThat(s.batteryPresent()).isTrue();
        assertThat(s.chargePercent()).isEmpty();
        assertThat(s.status()).isEmpty();
        assertThat(s.rateMw()).isEmpty();
        assertThat(s.acOnline()).isEmpty();
        assertThat(s.lidClosed()).isEmpty();
        assertThat(s.onBattery()).as("no adapter and no discharging status: not on battery").isFalse();
    }

    @Test
    void desktopWithoutBatteryIsNeverOnBattery() throws Exception {
        supply("AC", "type", "Mains", "online", "1");
        HostPowerSnapshot s = new SysfsPowerSupply(dir.resolve("ps"), dir.resolve("none")).read();
        assertThat(s.batteryPresent()).isFalse();
        assertThat(s.onBattery()).isFalse();
        assertThat(s.summary()).isEqualTo("on AC, no battery");
    }
}
