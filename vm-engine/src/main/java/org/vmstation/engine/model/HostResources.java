package org.vmstation.engine.model;

import java.lang.management.ManagementFactory;

/** Physical resources of the machine this JVM runs on. */
public final class HostResources {
    private HostResources() {}

    /** Read once: the management API's first use starts the platform MBeans, a tenth of a second in a fresh JVM. */
    private static volatile long totalMemoryMiB = -1;

    public static long totalMemoryMiB() {
        long known = totalMemoryMiB;
        if (known < 0) totalMemoryMiB = known = readTotalMemoryMiB();
        return known;
    }

    private static long readTotalMemoryMiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return Long.MAX_VALUE / (1024 * 1024);
    }
}
