package org.vmstation.engine.power;

/**
 * Per-device change counters in the shared region. The guest's event method remembers the last value it saw
 * for each and notifies exactly the devices whose counter moved, so one interrupt can carry several changes
 * and none is lost when changes arrive faster than the guest handles them. Counters wrap at 2^32.
 */
public record ChangeCounters(long battery, long batteryInfo, long ac, long lid, long sleepPresses) {
    public static final ChangeCounters ZERO = new ChangeCounters(0, 0, 0, 0, 0);

    public ChangeCounters {
        for (long v : new long[] {battery, batteryInfo, ac, lid, sleepPresses}) {
            if (v < 0 || v > 0xFFFF_FFFFL) throw new IllegalArgumentException("change counter " + v + " is outside 0 to 2^32-1");
        }
    }

    /** The counters after going from {@code before} to {@code after}: each device that changed counts one up. */
    public ChangeCounters after(PowerState before, PowerState after) {
        return new ChangeCounters(
                after.batteryStateDiffers(before) || after.batteryInfoDiffers(before) ? next(battery) : battery,
                after.batteryInfoDiffers(before) ? next(batteryInfo) : batteryInfo,
                after.acOnline() != before.acOnline() ? next(ac) : ac,
                after.lidOpen() != before.lidOpen() ? next(lid) : lid,
                sleepPresses);
    }

    public ChangeCounters withSleepPress() {
        return new ChangeCounters(battery, batteryInfo, ac, lid, next(sleepPresses));
    }

    /** Every counter one up: used after a guest scribbled the region, so it re-reads everything. */
    public ChangeCounters all() {
        return new ChangeCounters(next(battery), next(batteryInfo), next(ac), next(lid), sleepPresses);
    }

    private static long next(long v) { return (v + 1) & 0xFFFF_FFFFL; }
}
