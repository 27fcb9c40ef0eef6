package org.vmstation.engine.power.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.power.BatteryStatus;

/**
 * UPower and logind readers against a real dbus-daemon on which the test plays UPower and logind: the host
 * battery is the one thing faked. Checks the factory's choice, the values read, and that a change signal
 * reaches the subscriber at once (no polling).
 */
class UPowerSupplyBusTest {
    @TempDir Path dir;
    private PrivateBus bus;
    private DBusConnection daemonSide;
    private FakeDBusObject manager;
    private FakeDBusObject display;

    @BeforeEach
    void startBus() throws Exception {
        bus = PrivateBus.start(dir);
        daemonSide = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build();
    }

    @AfterEach
    void stopBus() throws Exception {
        if (daemonSide != null) daemonSide.close();
        bus.close();
    }

    private void playUPower() throws Exception {
        manager = new FakeDBusObject(daemonSide, UPowerSupply.PATH, UPowerSupply.IFACE,
                Map.of("OnBattery", new Variant<>(false), "DaemonVersion", new Variant<>("1.90.0")));
        display = new FakeDBusObject(daemonSide, UPowerSupply.DISPLAY_DEVICE, UPowerSupply.DEVICE_IFACE, Map.of(
                "IsPresent", new Variant<>(true),
                "Type", new Variant<>(new UInt32(2)),
                "Percentage", new Variant<>(81.6),
                "State", new Variant<>(new UInt32(1)),
                "EnergyRate", new Variant<>(12.5)));
        daemonSide.requestBusName(UPowerSupply.BUS_NAME);
    }

    private FakeDBusObject playLogind(boolean closed) throws Exception {
        FakeDBusObject login = new FakeDBusObject(daemonSide, LogindLid.PATH, LogindLid.MANAGER, Map.of("LidClosed", new Variant<>(closed)));
        daemonSide.requestBusName(LogindLid.BUS_NAME);
        return login;
    }

    @Test
    void picksUPowerAndReadsBatteryAcAndLid() throws Exception {
        playUPower();
        playLogind(false);
        try (HostPowerSupply host = HostPowerSources.detect(bus.address(), dir.resolve("no-sysfs"), dir.resolve("no-lid"))) {
            assertThat(host).isInstanceOf(UPowerSupply.class);
            assertThat(host.kind()).isEqualTo("upower");
            assertThat(host.description()).contains("UPower").contains("logind").contains(bus.address());
            HostPowerSnapshot s = host.read();
            assertThat(s.batteryPresent()).isTrue();
            assertThat(s.acOnline()).contains(true);
            assertThat(s.onBattery()).isFalse();
            assertThat(s.chargePercent()).isEqualTo(OptionalInt.of(82));
            assertThat(s.status()).contains(BatteryStatus.CHARGING);
            assertThat(s.rateMw().getAsLong()).isEqualTo(12_500);
            assertThat(s.lidClosed()).contains(false);
        }
    }

    @Test
    void changeSignalsReachTheSubscriberAndTheNextReadShowsThem() throws Exception {
        playUPower();
        FakeDBusObject login = playLogind(false);
        try (HostPowerSupply host = HostPowerSources.detect(bus.address(), dir, dir)) {
            Semaphore changes = new Semaphore(0);
            try (AutoCloseable sub = host.subscribe(changes::release)) {
                assertThat(host.pushesChanges()).isTrue();
                manager.set("OnBattery", new Variant<>(true));
                display.set("State", new Variant<>(new UInt32(2)));
                assertThat(changes.tryAcquire(2, 5, TimeUnit.SECONDS)).as("two PropertiesChanged signals delivered").isTrue();
                HostPowerSnapshot s = host.read();
                assertThat(s.onBattery()).isTrue();
                assertThat(s.status()).contains(BatteryStatus.DISCHARGING);

                login.set("LidClosed", new Variant<>(true));
                assertThat(changes.tryAcquire(1, 5, TimeUnit.SECONDS)).as("logind's signal delivered").isTrue();
                assertThat(host.read().isLidClosed()).isTrue();
            }
            // unsubscribed: a later change is not delivered
            manager.set("OnBattery", new Variant<>(false));
            assertThat(changes.tryAcquire(1, 500, TimeUnit.MILLISECONDS)).isFalse();
        }
    }

    @Test
    void valuesOfTheWrongTypeOrOutOfRangeCountAsNotReported() throws Exception {
        playUPower();
        display.setQuietly("Percentage", new Variant<>(140.0));
        display.setQuietly("State", new Variant<>("discharging"));
        display.setQuietly("EnergyRate", new Variant<>(Double.NaN));
        try (HostPowerSupply host = HostPowerSources.detect(bus.address(), dir, dir)) {
            HostPowerSnapshot s = host.read();
            assertThat(s.batteryPresent()).isTrue();
            assertThat(s.chargePercent()).isEmpty();
            assertThat(s.status()).isEmpty();
            assertThat(s.rateMw()).isEmpty();
            assertThat(s.lidClosed()).as("no logind on this bus").isEmpty();
            assertThat(host.description()).contains("lid unknown");
        }
    }

    @Test
    void withoutUPowerFallsBackToSysfsAndSaysWhy() throws Exception {
        playLogind(true);
        Path sysfs = Files.createDirectories(dir.resolve("power_supply/AC"));
        Files.writeString(sysfs.resolve("type"), "Mains\n");
        Files.writeString(sysfs.resolve("online"), "0\n");
        try (HostPowerSupply host = HostPowerSources.detect(bus.address(), dir.resolve("power_supply"), dir.resolve("no-lid"))) {
            assertThat(host).isInstanceOf(SysfsPowerSupply.class);
            assertThat(host.description()).contains("UPower not available on " + bus.address()).contains("lid from logind");
            HostPowerSnapshot s = host.read();
            assertThat(s.acOnline()).contains(false);
            assertThat(s.lidClosed()).as("lid from logind on the private bus").contains(true);
        }
    }

    @Test
    void followHostSourceStartsFromTheHostState() throws Exception {
        playUPower();
        try (HostPowerSupply host = HostPowerSources.detect(bus.address(), dir, dir);
             FollowHostSource source = new FollowHostSource(host, Duration.ofSeconds(2), org.vmstation.engine.power.PowerState.defaults())) {
            var initial = source.initialState();
            assertThat(source.name()).isEqualTo("host");
            assertThat(initial.chargePercent()).isEqualTo(82);
            assertThat(initial.acOnline()).isTrue();
            assertThat(initial.status()).isEqualTo(BatteryStatus.CHARGING);
        }
    }
}
