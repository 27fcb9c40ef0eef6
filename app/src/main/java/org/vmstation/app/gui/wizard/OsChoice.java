package org.vmstation.app.gui.wizard;

import java.time.LocalDate;
import java.util.Locale;
import org.vmstation.engine.importer.OsMapping;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.osinfo.OsInfoEntry;
import org.vmstation.engine.osinfo.OsResources;

/**
 * One operating system the wizard offers, with the defaults it fills in: from the osinfo database, or from a
 * built-in preset when the database is missing.
 *
 * @param key        unique in the list: the osinfo short id, or {@code preset:<id>}
 * @param group      what the list groups by (the vendor)
 * @param osType     the VM's {@code osType}: a preset id (debian, windows11, ...) that icons, the clock and export understand
 * @param endOfLife  past its end-of-life date: listed after the supported releases and greyed
 * @param prerelease a beta, snapshot or development build: likewise
 * @param osinfoId   the osinfo id (e.g. {@code http://debian.org/debian/11}); empty for a built-in preset
 */
public record OsChoice(String key, String label, String group, String osType, long memoryMiB, int cpus, int diskGiB,
                       Firmware firmware, DiskBus diskBus, String nicModel, LocalDate releaseDate, boolean endOfLife,
                       boolean prerelease, String osinfoId) {
    /** osinfo seldom recommends a CPU count (only a minimum): then the wizard offers this many. */
    static final int CPUS_WHEN_UNSAID = 2;
    static final long MEMORY_MIB_WHEN_UNSAID = 1024;
    static final int DISK_GIB_WHEN_UNSAID = 16;

    public static OsChoice fromOsInfo(OsInfoEntry e, LocalDate today) {
        OsResources d = e.defaults();
        long mem = d.ramBytes() > 0 ? Math.max(1, d.ramMiB()) : MEMORY_MIB_WHEN_UNSAID;
        int cpus = e.recommended().cpus() > 0 ? d.cpus() : Math.max(d.cpus(), CPUS_WHEN_UNSAID);
        int disk = d.storageBytes() > 0 ? Math.max(1, d.storageGiB()) : DISK_GIB_WHEN_UNSAID;
        // UEFI wherever the OS supports it (as virt-install does); BIOS for the rest
        Firmware fw = e.efi() || !e.biosSupported() ? Firmware.UEFI : Firmware.BIOS;
        DiskBus bus = e.supportsVirtioDisk() ? DiskBus.VIRTIO : DiskBus.SATA;
        String nic = e.supportsVirtioNet() ? "virtio-net-pci" : e.supportsE1000e() ? "e1000e" : "e1000";
        String group = e.vendor().isBlank() ? "Other" : e.vendor();
        return new OsChoice(e.shortId(), e.name(), group, osTypeOf(e), mem, cpus, disk, fw, bus, nic, e.releaseDate(),
                e.isEndOfLife(today), e.isPrerelease(), e.id());
    }

    public static OsChoice fromPreset(OsPreset p) {
        boolean windows = p.family().equals("windows");
        return new OsChoice("preset:" + p.id(), p.label(), "VMStation presets", p.id(), p.memoryMiB(), p.cpus(), p.diskGiB(),
                p.firmware(), windows ? DiskBus.SATA : DiskBus.VIRTIO, windows ? "e1000e" : "virtio-net-pci", null, false, false, "");
    }

    /** The preset id of an osinfo OS, through the engine's single OS mapping table. */
    static String osTypeOf(OsInfoEntry e) {
        String distro = e.distro().toLowerCase(Locale.ROOT);
        if (distro.equals("alpinelinux")) return "alpine";
        String mapped = OsMapping.fromLibosinfo(e.id());
        return mapped.equals("arch") ? "archlinux" : mapped;
    }

    public boolean fromOsInfo() { return !key.startsWith("preset:"); }

    /** Listed after the supported releases of its group and shown greyed. */
    public boolean deEmphasised() { return endOfLife || prerelease; }

    /** The defaults in one line, e.g. "4096 MiB, 2 CPUs, 25 GiB disk, UEFI, VIRTIO disk bus, virtio-net-pci network". */
    public String summary() {
        return memoryMiB + " MiB, " + cpus + (cpus == 1 ? " CPU, " : " CPUs, ") + diskGiB + " GiB disk, " + firmware + ", "
                + diskBus + " disk bus, " + nicModel + " network";
    }

    @Override
    public String toString() { return label; }
}
