package org.vmstation.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.UUID;

/**
 * Everything that defines one virtual machine. Immutable; change it with the {@code with*} methods or
 * {@link #toBuilder()}. Whether the definition makes sense is {@link VmValidator}'s job, not the constructor's:
 * importers and the GUI need to hold half-finished definitions and show every problem at once.
 *
 * @param id          stable identifier (UUID text), never shown as the VM's name
 * @param name        the unique display name
 * @param osType      an OS preset id such as {@code linux}, {@code debian}, {@code windows11}, {@code other}
 * @param machineType QEMU machine type, {@code q35} by default
 * @param cpus        virtual CPUs
 * @param memoryMiB   guest RAM in MiB
 * @param kernelBoot  direct kernel boot, or null to boot from the boot order
 * @param serialConsole whether the guest gets a serial port (kept in a log and attachable with {@code vmstation console})
 * @param settings    per-backend settings ({@code power.*}, {@code usb.*}, ...), owned by the device backends
 */
public record VmDefinition(
        String id,
        String name,
        String osType,
        Firmware firmware,
        String machineType,
        int cpus,
        long memoryMiB,
        List<DiskSpec> disks,
        List<CdromSpec> cdroms,
        List<BootDevice> bootOrder,
        KernelBoot kernelBoot,
        NetworkSpec network,
        DisplaySpec display,
        boolean serialConsole,
        List<String> tags,
        String notes,
        SequencedMap<String, String> settings) {

    public static final String DEFAULT_MACHINE = "q35";

    public VmDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        osType = osType == null || osType.isBlank() ? "other" : osType;
        firmware = firmware == null ? Firmware.BIOS : firmware;
        machineType = machineType == null || machineType.isBlank() ? DEFAULT_MACHINE : machineType;
        disks = disks == null ? List.of() : List.copyOf(disks);
        cdroms = cdroms == null ? List.of() : List.copyOf(cdroms);
        bootOrder = bootOrder == null || bootOrder.isEmpty() ? List.of(BootDevice.DISK, BootDevice.CDROM) : List.copyOf(bootOrder);
        network = network == null ? NetworkSpec.nat() : network;
        display = display == null ? DisplaySpec.standard() : display;
        tags = tags == null ? List.of() : List.copyOf(tags);
        notes = notes == null ? "" : notes;
        settings = settings == null ? java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>())
                : java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(settings));
    }

    public static Builder builder(String name) {
        return new Builder().id(UUID.randomUUID().toString()).name(name);
    }

    public Builder toBuilder() {
        return new Builder().id(id).name(name).osType(osType).firmware(firmware).machineType(machineType).cpus(cpus)
                .memoryMiB(memoryMiB).disks(disks).cdroms(cdroms).bootOrder(bootOrder).kernelBoot(kernelBoot)
                .network(network).display(display).serialConsole(serialConsole).tags(tags).notes(notes).settings(settings);
    }

    public VmDefinition withName(String newName) { return toBuilder().name(newName).build(); }

    public VmDefinition withTags(List<String> newTags) { return toBuilder().tags(newTags).build(); }

    public VmDefinition withSetting(String key, String value) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(settings);
        if (value == null) copy.remove(key); else copy.put(key, value);
        return toBuilder().settings(copy).build();
    }

    /** Mutable helper for building definitions step by step (CLI options, importers, the wizard). */
    public static final class Builder {
        private String id;
        private String name;
        private String osType = "other";
        private Firmware firmware = Firmware.BIOS;
        private String machineType = DEFAULT_MACHINE;
        private int cpus = 1;
        private long memoryMiB = 1024;
        private List<DiskSpec> disks = new ArrayList<>();
        private List<CdromSpec> cdroms = new ArrayList<>();
        private List<BootDevice> bootOrder = List.of(BootDevice.DISK, BootDevice.CDROM);
        private KernelBoot kernelBoot;
        private NetworkSpec network = NetworkSpec.nat();
        private DisplaySpec display = DisplaySpec.standard();
        private boolean serialConsole = true;
        private List<String> tags = new ArrayList<>();
        private String notes = "";
        private SequencedMap<String, String> settings = new LinkedHashMap<>();

        public Builder id(String v) { id = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder osType(String v) { osType = v; return this; }
        public Builder firmware(Firmware v) { firmware = v; return this; }
        public Builder machineType(String v) { machineType = v; return this; }
        public Builder cpus(int v) { cpus = v; return this; }
        public Builder memoryMiB(long v) { memoryMiB = v; return this; }
        public Builder disks(List<DiskSpec> v) { disks = new ArrayList<>(v); return this; }
        public Builder addDisk(DiskSpec v) { disks.add(v); return this; }
        public Builder cdroms(List<CdromSpec> v) { cdroms = new ArrayList<>(v); return this; }
        public Builder addCdrom(CdromSpec v) { cdroms.add(v); return this; }
        public Builder bootOrder(List<BootDevice> v) { bootOrder = List.copyOf(v); return this; }
        public Builder kernelBoot(KernelBoot v) { kernelBoot = v; return this; }
        public Builder network(NetworkSpec v) { network = v; return this; }
        public Builder display(DisplaySpec v) { display = v; return this; }
        public Builder serialConsole(boolean v) { serialConsole = v; return this; }
        public Builder tags(List<String> v) { tags = new ArrayList<>(v); return this; }
        public Builder notes(String v) { notes = v; return this; }
        public Builder settings(Map<String, String> v) { settings = new LinkedHashMap<>(v); return this; }
        public Builder setting(String k, String v) { settings.put(k, v); return this; }

        public VmDefinition build() {
            return new VmDefinition(id, name, osType, firmware, machineType, cpus, memoryMiB, disks, cdroms, bootOrder,
                    kernelBoot, network, display, serialConsole, tags, notes, settings);
        }
    }
}
