package org.vmstation.engine.power.resource;

import java.util.Map;

/**
 * Per-VM resource controls from the VM's settings: {@code resources.cpu-percent} (share of one host core, 1 to
 * 100 x the VM's CPUs), {@code resources.disk-bps} and {@code resources.disk-iops} (every disk's limit, 0 = none),
 * {@code resources.balloon-mib} (memory balloon target; adds a virtio-balloon device). Absent means no limit.
 */
public record ResourceLimits(Integer cpuPercent, long diskBytesPerSecond, long diskIops, Long balloonMiB) {
    public static final String CPU_PERCENT = "resources.cpu-percent";
    public static final String DISK_BPS = "resources.disk-bps";
    public static final String DISK_IOPS = "resources.disk-iops";
    public static final String BALLOON_MIB = "resources.balloon-mib";

    public static ResourceLimits none() { return new ResourceLimits(null, 0, 0, null); }

    public boolean isEmpty() { return cpuPercent == null && diskBytesPerSecond == 0 && diskIops == 0 && balloonMiB == null; }

    public static ResourceLimits from(Map<String, String> settings, int cpus, long memoryMiB) {
        Integer cpu = null;
        if (settings.containsKey(CPU_PERCENT)) {
            long v = number(settings, CPU_PERCENT);
            checkCpuPercent(v, cpus);
            cpu = (int) v;
        }
        long bps = settings.containsKey(DISK_BPS) ? number(settings, DISK_BPS) : 0;
        long iops = settings.containsKey(DISK_IOPS) ? number(settings, DISK_IOPS) : 0;
        if (bps < 0) throw new IllegalArgumentException("setting " + DISK_BPS + " is " + bps + ": expected 0 (no limit) or more bytes per second");
        if (iops < 0) throw new IllegalArgumentException("setting " + DISK_IOPS + " is " + iops + ": expected 0 (no limit) or more");
        Long balloon = null;
        if (settings.containsKey(BALLOON_MIB)) {
            long v = number(settings, BALLOON_MIB);
            checkBalloon(v, memoryMiB);
            balloon = v;
        }
        return new ResourceLimits(cpu, bps, iops, balloon);
    }

    static void checkCpuPercent(long v, int cpus) {
        int max = 100 * Math.max(1, cpus);
        if (v < 1 || v > max) {
            throw new IllegalArgumentException("CPU limit " + v + " % is out of range: expected 1 to " + max + " % (100 % per virtual CPU)");
        }
    }

    static void checkBalloon(long v, long memoryMiB) {
        if (v < 16 || v > memoryMiB) {
            throw new IllegalArgumentException("balloon target " + v + " MiB is out of range: expected 16 to " + memoryMiB + " MiB (the VM's memory)");
        }
    }

    private static long number(Map<String, String> settings, String key) {
        String v = settings.get(key).trim();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " is '" + v + "': expected a whole number");
        }
    }
}
