package org.vmstation.engine.power.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The factory on this very computer, no fakes: the CI machine is a container without a system D-Bus and
 * without a battery, so detection must fall back to sysfs, say why, and report no battery.
 */
class HostPowerProbeTest {
    @Test
    void thisMachineFallsBackToSysfsAndReportsNoBattery() throws Exception {
        String address = HostPowerSources.systemBusAddress(System.getenv());
        try (HostPowerSupply host = HostPowerSources.detect()) {
            assertThat(host.kind()).isEqualTo("sysfs");
            assertThat(host.description()).contains("/sys/class/power_supply").contains("UPower not available");
            if (HostPowerSources.missingSocket(address) != null) {
                assertThat(host.description()).contains("no system D-Bus here");
            }
            HostPowerSnapshot s = host.read();
            boolean hasBattery;
            try (var supplies = Files.list(Path.of("/sys/class/power_supply"))) {
                hasBattery = supplies.anyMatch(p -> p.resolve("type").toFile().isFile() && readQuietly(p.resolve("type")).equals("Battery"));
            }
            assertThat(s.batteryPresent()).isEqualTo(hasBattery);
            assertThat(hasBattery).as("the CI machine has no battery").isFalse();
            assertThat(s.onBattery()).isFalse();
        }
    }

    @Test
    void systemBusAddressComesFromTheEnvironmentOrTheSpecDefault() {
        assertThat(HostPowerSources.systemBusAddress(Map.of())).isEqualTo("unix:path=/var/run/dbus/system_bus_socket");
        assertThat(HostPowerSources.systemBusAddress(Map.of("DBUS_SYSTEM_BUS_ADDRESS", " unix:path=/x "))).isEqualTo("unix:path=/x");
        assertThat(HostPowerSources.missingSocket("unix:path=/nonexistent/sock")).contains("/nonexistent/sock");
        assertThat(HostPowerSources.missingSocket("tcp:host=localhost,port=1")).isNull();
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (Exception e) {
            return "";
        }
    }
}
