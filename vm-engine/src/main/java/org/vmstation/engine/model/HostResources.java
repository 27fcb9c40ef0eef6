package org.vmstation.engine.model;

import java.lang.management.ManagementFactory;

/** Physical resources of the machine this JVM runs on. */
public final class HostResources {
    private HostResources() {}

    public static long totalMemoryMiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return Long.MAX_VALUE / (1024 * 1024);
    }
}
