package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.power.host.FakeDBusObject;
import org.vmstation.engine.power.host.FollowHostSource;
import org.vmstation.engine.power.host.HostPowerSources;
import org.vmstation.engine.power.host.HostPowerSupply;
import org.vmstation.engine.power.host.PrivateBus;
import org.vmstation.engine.power.host.UPowerSupply;
import org.vmstation.engine.runtime.VmRuntimePaths;

/**
 * A VM following the host through UPower: the charger being pulled reaches the VM's power state through the
 * change signal, long before the (one-minute) poll would. No VM runs (the controller says it could not notify);
 * UPower is played by the test on a private dbus-daemon.
 */
class FollowHostSourceTest {
    @TempDir Path dir;

    @Test
    void aUPowerSignalReachesTheVmAtOnce() throws Exception {
        try (PrivateBus bus = PrivateBus.start(Files.createDirectories(dir.resolve("bus")));
             DBusConnection daemonSide = DBusConnectionBuilder.forAddress(bus.address()).withShared(false).build()) {
            FakeDBusObject manager = new FakeDBusObject(daemonSide, UPowerSupply.PATH, UPowerSupply.IFACE, Map.of("OnBattery", new Variant<>(false)));
            FakeDBusObject display = new FakeDBusObject(daemonSide, UPowerSupply.DISPLAY_DEVICE, UPowerSupply.DEVICE_IFACE, Map.of(
                    "IsPresent", new Variant<>(true), "Type", new Variant<>(new UInt32(2)), "Percentage", new Variant<>(55.0),
                    "State", new Variant<>(new UInt32(4)), "EnergyRate", new Variant<>(0.0)));
            daemonSide.requestBusName(UPowerSupply.BUS_NAME);

            VmRuntimePaths paths = new VmRuntimePaths(Files.createDirectories(dir.resolve("rt")), Files.createDirectories(dir.resolve("vm")));
            try (HostPowerSupply host = HostPowerSources.detect(bus.address(), dir.resolve("none"), dir.resolve("none"));
                 FollowHostSource source = new FollowHostSource(host, Duration.ofMinutes(1), PowerState.defaults())) {
                PowerController.initialize(paths, source.initialState(), EventDelivery.unavailable("no VM in this test"), source.name());
                PowerController controller = PowerController.of(paths);
                assertThat(controller.current().state().acOnline()).isTrue();
                assertThat(controller.current().state().chargePercent()).isEqualTo(55);
                source.start(controller);

                long t0 = System.nanoTime();
                display.set("State", new Variant<>(new UInt32(2)));
                manager.set("OnBattery", new Variant<>(true));
                long deadline = t0 + Duration.ofSeconds(10).toNanos();
                while (controller.current().state().acOnline() && System.nanoTime() < deadline) Thread.sleep(20);
                PowerState now = controller.current().state();
                assertThat(now.acOnline()).as("AC offline in the VM's state").isFalse();
                assertThat(now.status()).isEqualTo(BatteryStatus.DISCHARGING);
                assertThat(System.nanoTime() - t0).as("pushed by the signal, not the 1-min poll").isLessThan(Duration.ofSeconds(10).toNanos());
            }
        }
    }
}
