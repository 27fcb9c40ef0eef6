package org.vmstation.engine.osinfo;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One operating system of the osinfo database, with what it inherits from the OS it derives from or clones
 * already resolved: resources field by field, firmware and devices as a whole.
 *
 * @param id            the libosinfo URI, e.g. {@code http://debian.org/debian/11}
 * @param shortIds      e.g. [debian11, debianbullseye]; never empty (the file name stands in when the XML has none)
 * @param family        libosinfo family: linux, winnt, freebsd, ...
 * @param distro        e.g. debian, fedora, win
 * @param releaseStatus released (the default), prerelease, snapshot or rolling
 * @param minimum       for x86_64, or for all architectures
 * @param recommended   likewise; fields the database leaves out are 0
 * @param efi           whether UEFI firmware is supported on x86_64 ({@code <firmware type="efi">})
 * @param biosSupported false only when the database says BIOS is not supported (Windows 11)
 * @param devices       PCI/USB/chipset device URIs the OS has drivers for (inherited ones included)
 * @param media         x86-64 ISO media the OS is recognised by (not inherited)
 * @param source        the XML file
 */
public record OsInfoEntry(String id, List<String> shortIds, String name, String vendor, String family, String distro,
                          String version, LocalDate releaseDate, LocalDate eolDate, String releaseStatus,
                          String derivesFrom, String clones, OsResources minimum, OsResources recommended,
                          boolean efi, boolean biosSupported, Set<String> devices, List<IsoMedia> media, Path source) {
    public static final String VIRTIO_BLOCK_LEGACY = "http://pcisig.com/pci/1af4/1001";
    public static final String VIRTIO_BLOCK = "http://pcisig.com/pci/1af4/1042";
    public static final String VIRTIO_NET_LEGACY = "http://pcisig.com/pci/1af4/1000";
    public static final String VIRTIO_NET = "http://pcisig.com/pci/1af4/1041";
    public static final String E1000E = "http://pcisig.com/pci/8086/10d3";
    public static final String E1000 = "http://pcisig.com/pci/8086/100e";

    public OsInfoEntry {
        shortIds = List.copyOf(shortIds);
        if (shortIds.isEmpty()) throw new IllegalArgumentException(id + ": no short id");
        devices = Set.copyOf(devices);
        media = List.copyOf(media);
        releaseStatus = releaseStatus == null || releaseStatus.isBlank() ? "released" : releaseStatus;
    }

    /** The first short id, e.g. {@code debian11}. */
    public String shortId() { return shortIds.getFirst(); }

    /** Whether the OS was past its end-of-life date on {@code today}. */
    public boolean isEndOfLife(LocalDate today) { return eolDate != null && !eolDate.isAfter(today); }

    /** Prerelease and snapshot builds are not what most people install. */
    public boolean isPrerelease() { return releaseStatus.equals("prerelease") || releaseStatus.equals("snapshot"); }

    public boolean supportsVirtioDisk() { return devices.contains(VIRTIO_BLOCK) || devices.contains(VIRTIO_BLOCK_LEGACY); }

    public boolean supportsVirtioNet() { return devices.contains(VIRTIO_NET) || devices.contains(VIRTIO_NET_LEGACY); }

    public boolean supportsE1000e() { return devices.contains(E1000E); }

    /**
     * Resources to offer by default: the recommended values, never below the minimum. (Inheritance can pair an
     * OS's own minimum with an older parent's recommendation: Windows 11 needs 4 GiB, Windows 10 recommends 1.)
     */
    public OsResources defaults() {
        OsResources r = recommended.orElse(minimum);
        return new OsResources(Math.max(r.ramBytes(), minimum.ramBytes()), Math.max(r.cpus(), minimum.cpus()),
                Math.max(r.storageBytes(), minimum.storageBytes()));
    }

    @Override
    public String toString() { return name + " (" + shortId() + ")"; }
}
