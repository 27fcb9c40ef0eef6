package org.vmstation.engine.power.host;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.vmstation.engine.power.BatteryStatus;
import org.vmstation.engine.power.PowerState;

/**
 * What this computer's power supply says at one moment. Every field is optional because hosts differ: a desktop
 * has no battery, a server no lid, and a reader leaves out what it could not read or did not trust.
 *
 * @param acOnline       whether an external supply (charger, mains) powers the computer
 * @param batteryPresent whether a system battery is present
 * @param chargePercent  the battery's charge, 0 to 100
 * @param status         charging, discharging or neither
 * @param rateMw         the battery's charge/discharge rate in mW (never negative)
 * @param lidClosed      whether the laptop's lid is closed
 */
public record HostPowerSnapshot(Optional<Boolean> acOnline, boolean batteryPresent, OptionalInt chargePercent,
                                Optional<BatteryStatus> status, OptionalLong rateMw, Optional<Boolean> lidClosed) {

    public HostPowerSnapshot {
        if (chargePercent.isPresent() && (chargePercent.getAsInt() < 0 || chargePercent.getAsInt() > 100)) {
            throw new IllegalArgumentException("host battery charge " + chargePercent.getAsInt() + " % is out of range: expected 0 to 100");
        }
        if (rateMw.isPresent() && (rateMw.getAsLong() < 0 || rateMw.getAsLong() > PowerState.MAX_VALUE)) {
            throw new IllegalArgumentException("host battery rate " + rateMw.getAsLong() + " mW is out of range: expected 0 to " + PowerState.MAX_VALUE);
        }
    }

    /** A host that reports nothing: no battery, unknown AC and lid. */
    public static HostPowerSnapshot unknown() {
        return new HostPowerSnapshot(Optional.empty(), false, OptionalInt.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty());
    }

    /**
     * Whether the computer runs from its battery: the AC adapter is known to be offline, or (when no adapter is
     * reported) the battery says it is discharging. A host without a battery is never on battery.
     */
    public boolean onBattery() {
        if (!batteryPresent) return false;
        if (acOnline.isPresent()) return !acOnline.get();
        return status.orElse(BatteryStatus.IDLE) == BatteryStatus.DISCHARGING;
    }

    public boolean isLidClosed() { return lidClosed.orElse(false); }

    public HostPowerSnapshot withLidClosed(Optional<Boolean> closed) {
        return new HostPowerSnapshot(acOnline, batteryPresent, chargePercent, status, rateMw, closed);
    }

    /** {@code current} changed to what the host reports; what the host does not report stays as it was. */
    public PowerState applyTo(PowerState current) {
        PowerState s = current;
        if (batteryPresent) {
            s = s.withBatteryPresent(true);
            if (chargePercent.isPresent()) s = s.withChargePercent(chargePercent.getAsInt());
            if (status.isPresent()) s = s.withStatus(status.get());
            if (rateMw.isPresent()) s = s.withRate(rateMw.getAsLong());
        }
        if (acOnline.isPresent()) s = s.withAcOnline(acOnline.get());
        if (lidClosed.isPresent()) s = s.withLidOpen(!lidClosed.get());
        return s;
    }

    /** One line for logs and the window: "on battery, 42 %, discharging at 7300 mW, lid open". */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(acOnline.map(on -> on ? "on AC" : "on battery").orElse(onBattery() ? "on battery" : "AC unknown"));
        if (batteryPresent) {
            chargePercent.ifPresent(p -> b.append(", ").append(p).append(" %"));
            status.ifPresent(st -> b.append(", ").append(st.label()));
            rateMw.ifPresent(r -> b.append(" at ").append(r).append(" mW"));
        } else {
            b.append(", no battery");
        }
        lidClosed.ifPresent(c -> b.append(c ? ", lid closed" : ", lid open"));
        return b.toString();
    }
}
