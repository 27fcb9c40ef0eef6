package org.vmstation.engine.osinfo;

/**
 * One {@code <minimum>} or {@code <recommended>} block of an OS's {@code <resources>}; 0 means the database
 * does not say (the value is then taken from the OS this one derives from, see {@link #orElse}).
 *
 * @param ramBytes     guest RAM in bytes
 * @param cpus         virtual CPUs ({@code n-cpus})
 * @param storageBytes disk size in bytes
 */
public record OsResources(long ramBytes, int cpus, long storageBytes) {
    public static final OsResources NONE = new OsResources(0, 0, 0);

    public OsResources {
        if (ramBytes < 0 || cpus < 0 || storageBytes < 0) throw new IllegalArgumentException("negative resources: " + ramBytes + ", " + cpus + ", " + storageBytes);
    }

    /** Each field that is unknown here taken from {@code fallback}. */
    public OsResources orElse(OsResources fallback) {
        return new OsResources(ramBytes > 0 ? ramBytes : fallback.ramBytes, cpus > 0 ? cpus : fallback.cpus,
                storageBytes > 0 ? storageBytes : fallback.storageBytes);
    }

    public long ramMiB() { return ramBytes / (1024 * 1024); }

    /** Rounded up: a 10 GB (decimal) storage hint is 10 GiB, never 9. */
    public int storageGiB() { return (int) ((storageBytes + (1L << 30) - 1) >> 30); }

    public boolean isEmpty() { return ramBytes == 0 && cpus == 0 && storageBytes == 0; }
}
