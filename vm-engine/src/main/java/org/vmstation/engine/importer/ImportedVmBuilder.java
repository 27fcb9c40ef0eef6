package org.vmstation.engine.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.PortForward;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidator;

/**
 * Collects what a reader found in a source file and turns it into an {@link ImportedVm}: every importer maps
 * through here so that names, MACs, NICs beyond the first, defaults and reports are handled one way.
 */
public final class ImportedVmBuilder {
    private static final Pattern NAME_CHAR = Pattern.compile("[\\p{L}\\p{N} ._()+-]");
    private static final long DEFAULT_MEMORY_MIB = 1024;

    private final Path sourceFile;
    private final String sourceFormat;
    private String name;
    private String osType = "other";
    private String sourceOsId = "";
    private Firmware firmware = Firmware.BIOS;
    private boolean secureBoot;
    private boolean tpm;
    private String nvramFile;
    private String machineType = VmDefinition.DEFAULT_MACHINE;
    private String architecture = "x86_64";
    private int cpus;
    private long memoryMiB;
    private String notes = "";
    private final LinkedHashMap<String, String> settings = new LinkedHashMap<>();
    private KernelBoot kernelBoot;
    private DisplaySpec display = DisplaySpec.standard();
    private String sound;
    private String usbController;
    private String usbSource;
    private ImportWarning soundNote;
    private int serialPorts;
    private int snapshots;
    private List<BootDevice> bootOrder;
    private final List<DiskSpec> disks = new ArrayList<>();
    private final List<SourceDisk> sourceDisks = new ArrayList<>();
    private final List<CdromSpec> cdroms = new ArrayList<>();
    private final List<ImportedNic> nics = new ArrayList<>();
    private final List<PortForward> forwards = new ArrayList<>();
    private final List<ImportWarning> warnings = new ArrayList<>();

    public ImportedVmBuilder(Path sourceFile, String sourceFormat) {
        this.sourceFile = sourceFile;
        this.sourceFormat = sourceFormat;
    }

    public ImportedVmBuilder name(String v) { name = v; return this; }
    public String name() { return name; }
    public ImportedVmBuilder osType(String v) { osType = v == null ? "other" : v; return this; }
    public String osType() { return osType; }
    public ImportedVmBuilder sourceOsId(String v) { sourceOsId = v == null ? "" : v; return this; }
    public ImportedVmBuilder firmware(Firmware v) { firmware = v; return this; }
    public Firmware firmware() { return firmware; }
    public ImportedVmBuilder secureBoot(boolean v) { secureBoot = v; if (v) firmware = Firmware.UEFI; return this; }
    public ImportedVmBuilder tpm(boolean v) { tpm = v; return this; }
    public ImportedVmBuilder nvramFile(String v) { nvramFile = v; return this; }
    public ImportedVmBuilder machineType(String v) { machineType = v; return this; }
    public ImportedVmBuilder architecture(String v) { architecture = v; return this; }
    public String architecture() { return architecture; }
    public ImportedVmBuilder cpus(int v) { cpus = v; return this; }
    public int cpus() { return cpus; }
    public ImportedVmBuilder memoryMiB(long v) { memoryMiB = v; return this; }
    public long memoryMiB() { return memoryMiB; }
    public ImportedVmBuilder notes(String v) { notes = v == null ? "" : v; return this; }
    /** A device backend setting ({@code power.enabled}, ...) carried by a VMStation export; the reader decides which are safe. */
    public ImportedVmBuilder setting(String key, String value) { settings.put(key, value); return this; }
    public ImportedVmBuilder kernelBoot(KernelBoot v) { kernelBoot = v; return this; }
    public ImportedVmBuilder serialPort() { serialPorts++; return this; }
    public ImportedVmBuilder snapshots(int n) { snapshots = n; return this; }
    public ImportedVmBuilder bootOrder(List<BootDevice> v) { bootOrder = v; return this; }
    public ImportedVmBuilder forward(PortForward f) { forwards.add(f); return this; }
    public int diskCount() { return disks.size(); }
    public int nicCount() { return nics.size(); }
    public int cdromCount() { return cdroms.size(); }

    public ImportedVmBuilder warn(ImportWarning w) { warnings.add(w); return this; }
    public ImportedVmBuilder changed(String subject, String message) { return warn(ImportWarning.changed(subject, message)); }
    public ImportedVmBuilder dropped(String subject, String message) { return warn(ImportWarning.dropped(subject, message)); }
    public ImportedVmBuilder info(String subject, String message) { return warn(ImportWarning.info(subject, message)); }

    /**
     * Adds a disk stored as a file. The file is probed when it exists: its magic bytes win over the declared
     * format, and its header gives the capacity when the source did not.
     */
    public ImportedVmBuilder addDisk(Path file, DiskFormat declared, long declaredCapacity, DiskBus bus, boolean readOnly) {
        Path abs = file.toAbsolutePath().normalize();
        DiskProbe.Probe probe = Files.isRegularFile(abs) ? DiskProbe.probe(abs) : null;
        DiskFormat format = probe != null ? probe.format() : declared == null ? guessFormat(abs.getFileName().toString()) : declared;
        long capacity = declaredCapacity > 0 ? declaredCapacity : probe != null ? probe.capacity() : -1;
        String detail = probe != null ? probe.detail() : "";
        List<Path> extents = probe != null ? probe.extents() : List.of();
        if (probe == null) {
            info("disk", "disk image '" + abs + "' was not found; the import needs it next to the configuration");
        } else {
            for (Path e : extents) {
                if (!Files.isRegularFile(e)) info("disk", "VMDK extent '" + e + "' named by '" + abs.getFileName() + "' was not found");
            }
        }
        int index = disks.size();
        disks.add(new DiskSpec(abs.toString(), format, bus, readOnly));
        sourceDisks.add(new SourceDisk(index, abs, null, format, detail, capacity, "disk" + (index + 1) + ".qcow2", probe != null, extents));
        return this;
    }

    /** Adds a disk stored inside an archive; {@code present} says whether the member was found. */
    public ImportedVmBuilder addArchiveDisk(ArchiveMember member, DiskFormat format, String detail, long capacity, DiskBus bus,
                                            boolean present) {
        int index = disks.size();
        disks.add(new DiskSpec(member.displayPath(), format, bus, false));
        sourceDisks.add(new SourceDisk(index, null, member, format, detail, capacity, "disk" + (index + 1) + ".qcow2", present, List.of()));
        return this;
    }

    public ImportedVmBuilder addCdrom(String isoPath, DiskBus bus) {
        cdroms.add(new CdromSpec(isoPath == null || isoPath.isBlank() ? null : isoPath, bus));
        return this;
    }

    /** Adds a NIC; the model is mapped to QEMU's closest device and a malformed MAC is reported and dropped. */
    public ImportedVmBuilder addNic(String sourceModel, String mac, String connection) {
        DeviceMapping.Mapped m = DeviceMapping.nic(sourceModel);
        if (m.note() != null) changed("network", "NIC " + (nics.size() + 1) + ": " + m.note());
        String normalized = null;
        if (mac != null && !mac.isBlank()) {
            normalized = normalizeMac(mac);
            if (normalized == null) changed("network", "NIC " + (nics.size() + 1) + ": MAC address '" + mac + "' is malformed; a new one is generated");
        }
        nics.add(new ImportedNic(sourceModel, m.qemu(), normalized, connection));
        return this;
    }

    /**
     * Sets the sound card. A later call replaces an earlier one together with its report line: a source that
     * states its card twice (an OVF item and the embedded VirtualBox settings) is reported once, by the last.
     */
    public ImportedVmBuilder sound(String source) {
        DeviceMapping.Mapped m = DeviceMapping.sound(source);
        sound = m.qemu();
        if (soundNote != null) warnings.remove(soundNote);
        soundNote = null;
        if (m.note() != null) {
            soundNote = ImportWarning.changed("sound", m.note());
            warnings.add(soundNote);
        }
        return this;
    }

    /**
     * Sets the USB controller. With several controllers (xHCI beside EHCI, EHCI with UHCI companions) the most
     * capable one is kept, since it serves the others' devices; the others are reported, not silently lost.
     */
    public ImportedVmBuilder usb(String source) {
        DeviceMapping.Mapped m = DeviceMapping.usb(source);
        if (usbController != null && usbRank(m.qemu()) <= usbRank(usbController)) {
            info("usb", "USB controller '" + source + "' is also present; " + usbController + " serves its devices");
            return this;
        }
        if (usbController != null) info("usb", "USB controller '" + usbSource + "' is also present; " + m.qemu() + " serves its devices");
        usbController = m.qemu();
        usbSource = source;
        if (m.note() != null) changed("usb", m.note());
        return this;
    }

    private static int usbRank(String qemu) { return "qemu-xhci".equals(qemu) ? 2 : "usb-ehci".equals(qemu) ? 1 : 0; }

    /** Gives NIC {@code index} (0-based) the MAC a second description of the same machine knows, when it has none. */
    public ImportedVmBuilder nicMacIfMissing(int index, String mac) {
        if (index < 0 || index >= nics.size() || nics.get(index).macAddress() != null || mac == null) return this;
        String normalized = normalizeMac(mac);
        if (normalized == null) return this;
        ImportedNic n = nics.get(index);
        nics.set(index, new ImportedNic(n.sourceModel(), n.qemuModel(), normalized, n.connection()));
        return this;
    }

    public ImportedVmBuilder display(String source, boolean accel3d) {
        return display(source, accel3d ? DisplaySpec.Acceleration3d.ON : DisplaySpec.Acceleration3d.OFF);
    }

    /**
     * The display adapter and 3-D setting. On needs virtio-vga, so another adapter becomes virtio-vga (said in the
     * report); Auto keeps the adapter, since Auto leaves a non-virtio adapter in 2-D at start.
     */
    public ImportedVmBuilder display(String source, DisplaySpec.Acceleration3d accel3d) {
        DeviceMapping.DisplayMapped m = DeviceMapping.display(source);
        if (m.note() != null) changed("display", m.note());
        DisplaySpec.Adapter adapter = m.adapter();
        DisplaySpec.Acceleration3d a = accel3d == DisplaySpec.Acceleration3d.AUTO ? accel3d : DisplaySpec.Acceleration3d.OFF;
        if (accel3d == DisplaySpec.Acceleration3d.ON) {
            if (adapter == DisplaySpec.Adapter.VIRTIO_VGA) a = DisplaySpec.Acceleration3d.ON;
            else {
                changed("display", "3-D acceleration of '" + source + "' needs virtio-vga: adapter changed to virtio-vga with 3-D on");
                adapter = DisplaySpec.Adapter.VIRTIO_VGA;
                a = DisplaySpec.Acceleration3d.ON;
            }
        }
        display = new DisplaySpec(adapter, a);
        return this;
    }

    public ImportedVm build() {
        String vmName = sanitizeName(name);
        if (cpus < 1) {
            info("cpu", "the source names no CPU count; 1 CPU is used");
            cpus = 1;
        }
        if (cpus > VmValidator.MAX_CPUS) {
            changed("cpu", cpus + " CPUs is more than QEMU's " + VmValidator.MAX_CPUS + "; " + VmValidator.MAX_CPUS + " are used");
            cpus = VmValidator.MAX_CPUS;
        }
        if (memoryMiB <= 0) {
            info("memory", "the source names no memory size; " + DEFAULT_MEMORY_MIB + " MiB is used");
            memoryMiB = DEFAULT_MEMORY_MIB;
        } else if (memoryMiB < VmValidator.MIN_MEMORY_MIB) {
            changed("memory", memoryMiB + " MiB of memory is below the " + VmValidator.MIN_MEMORY_MIB + " MiB a QEMU guest needs; "
                    + VmValidator.MIN_MEMORY_MIB + " MiB is used");
            memoryMiB = VmValidator.MIN_MEMORY_MIB;
        }
        NetworkSpec network;
        if (nics.isEmpty()) {
            network = NetworkSpec.none();
        } else {
            ImportedNic first = nics.getFirst();
            network = new NetworkSpec(NetworkSpec.Mode.NAT, first.qemuModel(), first.macAddress(), forwards);
            if (!first.connection().isBlank() && !first.connection().equalsIgnoreCase("nat")) {
                info("network", "NIC 1 was connected to '" + first.connection() + "'; it is imported on VMStation's NAT network");
            }
            for (int i = 1; i < nics.size(); i++) {
                ImportedNic n = nics.get(i);
                dropped("network", "NIC " + (i + 1) + " (" + (n.sourceModel().isBlank() ? n.qemuModel() : n.sourceModel())
                        + (n.macAddress() != null ? ", MAC " + n.macAddress() : "") + ") dropped: a VMStation VM has one network adapter");
            }
        }
        if (nvramFile != null) info("firmware", "UEFI variables (NVRAM '" + nvramFile + "') are not converted; the VM starts with fresh UEFI variables");
        VmDefinition.Builder b = VmDefinition.builder(vmName).osType(osType).firmware(firmware).machineType(machineType)
                .cpus(cpus).memoryMiB(memoryMiB).disks(disks).cdroms(cdroms).kernelBoot(kernelBoot).network(network)
                .display(display).serialConsole(true).notes(notes).settings(settings);
        if (bootOrder != null && !bootOrder.isEmpty()) b.bootOrder(bootOrder);
        VmDetails details = new VmDetails(sourceFormat, architecture, sourceOsId, secureBoot, tpm, nvramFile, sound, usbController,
                serialPorts, snapshots);
        return new ImportedVm(b.build(), sourceDisks, nics, details, warnings);
    }

    /** Makes a name VmValidator accepts; reports when the source's name had to change. */
    private String sanitizeName(String raw) {
        String base = raw == null ? "" : raw.strip();
        if (base.isEmpty()) {
            base = fileStem();
            info("name", "the source names no VM; it is called '" + base + "' after its file");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            sb.append(NAME_CHAR.matcher(ch).matches() ? ch : " ");
            i += Character.charCount(cp);
        }
        String cleaned = sb.toString().replaceAll("\\s+", " ").strip();
        while (!cleaned.isEmpty() && !Character.isLetterOrDigit(cleaned.codePointAt(0))) cleaned = cleaned.substring(Character.charCount(cleaned.codePointAt(0))).strip();
        if (cleaned.length() > VmValidator.MAX_NAME_LENGTH) cleaned = cleaned.substring(0, VmValidator.MAX_NAME_LENGTH).strip();
        if (cleaned.isEmpty()) cleaned = "Imported VM";
        if (!cleaned.equals(base)) changed("name", "name '" + base + "' → '" + cleaned + "': VM names hold letters, digits, spaces and . _ ( ) + -");
        return cleaned;
    }

    private String fileStem() {
        if (sourceFile == null || sourceFile.getFileName() == null) return "Imported VM";
        String f = sourceFile.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    /** Accepts 00:0c:29:46:9b:0b, 00-50-56-.., 001C429604DD; returns lower-case colon form or null. */
    public static String normalizeMac(String mac) {
        String hex = mac.strip().replaceAll("[:\\-. ]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{12}")) return null;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) sb.append(':');
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }

    private static DiskFormat guessFormat(String fileName) {
        return DiskProbe.formatFromName(fileName.toLowerCase(Locale.ROOT).replaceAll(".*\\.", ""), DiskFormat.RAW);
    }
}
