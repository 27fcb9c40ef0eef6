package org.vmstation.engine.power.host;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.vmstation.engine.power.BatteryStatus;

/** Host power states for tests: the host battery is the one thing a test machine lacks. */
public final class HostStates {
    private HostStates() {}

    public static HostPowerSnapshot onAc(int percent) {
        return new HostPowerSnapshot(Optional.of(true), true, OptionalInt.of(percent), Optional.of(BatteryStatus.CHARGING), OptionalLong.empty(), Optional.of(false));
    }

    public static HostPowerSnapshot onBattery(int percent) {
        return new HostPowerSnapshot(Optional.of(false), true, OptionalInt.of(percent), Optional.of(BatteryStatus.DISCHARGING), OptionalLong.of(9000), Optional.of(false));
    }

    public static HostPowerSnapshot lidClosed(HostPowerSnapshot s) { return s.withLidClosed(Optional.of(true)); }
}
