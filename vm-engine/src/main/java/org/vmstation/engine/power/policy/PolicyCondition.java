package org.vmstation.engine.power.policy;

import org.vmstation.engine.power.host.HostPowerSnapshot;

/** When a rule applies: a test on the host's power state. */
public sealed interface PolicyCondition {
    boolean holds(HostPowerSnapshot host);

    /** For people: "on battery", "battery below 15 %", "lid closed". */
    String describe();

    /** The computer runs from its battery. */
    record OnBattery() implements PolicyCondition {
        @Override public boolean holds(HostPowerSnapshot host) { return host.onBattery(); }
        @Override public String describe() { return "on battery"; }
    }

    /**
     * On battery with the charge below {@code percent}. Only while discharging: a nearly empty battery that is
     * charging again is no reason to keep VMs suspended.
     */
    record BatteryBelow(int percent) implements PolicyCondition {
        public BatteryBelow {
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("battery threshold " + percent + " % is out of range: expected 1 to 100");
            }
        }
        @Override
        public boolean holds(HostPowerSnapshot host) {
            return host.onBattery() && host.chargePercent().isPresent() && host.chargePercent().getAsInt() < percent;
        }
        @Override public String describe() { return "battery below " + percent + " %"; }
    }

    /** The laptop's lid is closed. */
    record LidClosed() implements PolicyCondition {
        @Override public boolean holds(HostPowerSnapshot host) { return host.isLidClosed(); }
        @Override public String describe() { return "lid closed"; }
    }
}
