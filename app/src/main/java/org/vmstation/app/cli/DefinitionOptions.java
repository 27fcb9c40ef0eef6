package org.vmstation.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.vmstation.engine.storage.SizeParser;
import picocli.CommandLine.Option;

/** The definition options shared by {@code create} and {@code edit}; each applies only when given. */
final class DefinitionOptions {
    @Option(names = "--os", paramLabel = "OS", description = "OS preset: linux, debian, ubuntu, fedora, windows11, other, ...") String os;
    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "Guest RAM, e.g. 512M or 4G.") String memory;
    @Option(names = {"-c", "--cpus"}, paramLabel = "N", description = "Virtual CPUs.") Integer cpus;
    @Option(names = "--disk", paramLabel = "PATH", description = "Attach an existing disk image (repeatable).") List<Path> disks;
    @Option(names = "--disk-size", paramLabel = "SIZE", description = "Create a new qcow2 disk of this size in the VM's folder, e.g. 8G.") String diskSize;
    @Option(names = "--iso", paramLabel = "PATH", description = "Insert an ISO image in the CD-ROM drive.") Path iso;
    @Option(names = "--kernel", paramLabel = "PATH", description = "Boot this Linux kernel directly.") Path kernel;
    @Option(names = "--initrd", paramLabel = "PATH", description = "Initial ramdisk for --kernel.") Path initrd;
    @Option(names = "--cmdline", paramLabel = "TEXT", description = "Kernel command line for --kernel.") String cmdline;
    @Option(names = "--firmware", paramLabel = "bios|uefi", description = "Firmware: bios (SeaBIOS) or uefi (OVMF).") String firmware;
    @Option(names = "--machine", paramLabel = "TYPE", description = "QEMU machine type (default q35).") String machine;
    @Option(names = "--net", paramLabel = "nat|none", description = "Network: nat (user-mode, default) or none.") String net;
    @Option(names = "--forward", paramLabel = "PROTO:HOST:GUEST", description = "Forward a host port to the guest, e.g. tcp:2222:22 (repeatable).") List<String> forwards;
    @Option(names = "--display", paramLabel = "ADAPTER", description = "Display adapter: virtio-vga, std-vga, qxl, cirrus, none.") String display;
    @Option(names = "--boot", paramLabel = "ORDER", split = ",", description = "Boot order, e.g. cdrom,disk.") List<String> boot;
    @Option(names = "--tag", paramLabel = "TAG", description = "Tag (repeatable).") List<String> tags;
    @Option(names = "--notes", paramLabel = "TEXT", description = "Free-text notes.") String notes;
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A device backend setting, e.g. power.enabled=true (repeatable; an empty VALUE removes it).")
    java.util.Map<String, String> settings;

    /** Applies the options given; {@code newDiskPath} is where --disk-size was created (or null). */
    void applyTo(VmDefinition.Builder b, VmDefinition current, String newDiskPath) {
        if (os != null) b.osType(os);
        if (memory != null) b.memoryMiB(parseSize("--memory", memory) / (1024 * 1024));
        if (cpus != null) b.cpus(cpus);
        List<DiskSpec> diskList = new ArrayList<>(current == null ? List.of() : current.disks());
        if (disks != null) {
            diskList.clear();
            for (Path p : disks) diskList.add(new DiskSpec(p.toAbsolutePath().toString(), guessFormat(p), DiskBus.VIRTIO, false));
        }
        if (newDiskPath != null) diskList.add(new DiskSpec(newDiskPath, DiskFormat.QCOW2, DiskBus.VIRTIO, false));
        b.disks(diskList);
        if (iso != null) b.cdroms(List.of(CdromSpec.of(iso.toAbsolutePath().toString())));
        if (kernel != null) {
            b.kernelBoot(new KernelBoot(kernel.toAbsolutePath().toString(), initrd == null ? null : initrd.toAbsolutePath().toString(), cmdline));
        } else if ((initrd != null || cmdline != null) && current != null && current.kernelBoot() != null) {
            KernelBoot k = current.kernelBoot();
            b.kernelBoot(new KernelBoot(k.kernelPath(), initrd != null ? initrd.toAbsolutePath().toString() : k.initrdPath(), cmdline != null ? cmdline : k.commandLine()));
        } else if (initrd != null || cmdline != null) {
            throw new CliException(ExitCodes.USAGE, "--initrd and --cmdline need --kernel");
        }
        if (firmware != null) {
            b.firmware(switch (firmware.toLowerCase(Locale.ROOT)) {
                case "bios" -> Firmware.BIOS;
                case "uefi", "efi" -> Firmware.UEFI;
                default -> throw new CliException(ExitCodes.USAGE, "--firmware must be bios or uefi, not '" + firmware + "'");
            });
        }
        if (machine != null) b.machineType(machine);
        NetworkSpec network = current == null ? NetworkSpec.nat() : current.network();
        if (net != null) {
            NetworkSpec.Mode mode = switch (net.toLowerCase(Locale.ROOT)) {
                case "nat", "user" -> NetworkSpec.Mode.NAT;
                case "none", "off" -> NetworkSpec.Mode.NONE;
                default -> throw new CliException(ExitCodes.USAGE, "--net must be nat or none, not '" + net + "'");
            };
            network = new NetworkSpec(mode, network.model(), network.macAddress(), mode == NetworkSpec.Mode.NONE ? List.of() : network.forwards());
        }
        if (forwards != null) {
            List<PortForward> parsed = new ArrayList<>();
            for (String f : forwards) {
                try {
                    parsed.add(PortForward.parse(f));
                } catch (IllegalArgumentException e) {
                    throw new CliException(ExitCodes.USAGE, e.getMessage());
                }
            }
            network = new NetworkSpec(network.mode(), network.model(), network.macAddress(), parsed);
        }
        b.network(network);
        if (display != null) {
            DisplaySpec.Adapter adapter = switch (display.toLowerCase(Locale.ROOT)) {
                case "virtio-vga", "virtio" -> DisplaySpec.Adapter.VIRTIO_VGA;
                case "std-vga", "std", "vga" -> DisplaySpec.Adapter.STD_VGA;
                case "qxl" -> DisplaySpec.Adapter.QXL;
                case "cirrus" -> DisplaySpec.Adapter.CIRRUS;
                case "none" -> DisplaySpec.Adapter.NONE;
                default -> throw new CliException(ExitCodes.USAGE, "--display must be virtio-vga, std-vga, qxl, cirrus or none, not '" + display + "'");
            };
            b.display(new DisplaySpec(adapter, current == null ? null : current.display().acceleration3d()));
        }
        if (boot != null) {
            List<BootDevice> order = new ArrayList<>();
            for (String s : boot) {
                try {
                    order.add(BootDevice.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new CliException(ExitCodes.USAGE, "--boot: '" + s + "' is not disk, cdrom or network");
                }
            }
            b.bootOrder(order);
        }
        if (tags != null) b.tags(tags);
        if (notes != null) b.notes(notes);
        if (settings != null) {
            java.util.LinkedHashMap<String, String> merged = new java.util.LinkedHashMap<>(current == null ? java.util.Map.of() : current.settings());
            settings.forEach((k, v) -> {
                if (v == null || v.isEmpty()) merged.remove(k); else merged.put(k, v);
            });
            b.settings(merged);
        }
    }

    long newDiskBytes() { return diskSize == null ? 0 : parseSize("--disk-size", diskSize); }

    static long parseSize(String option, String text) {
        try {
            return SizeParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, option + ": " + e.getMessage());
        }
    }

    static DiskFormat guessFormat(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".qcow2") || n.endsWith(".qcow")) return DiskFormat.QCOW2;
        if (n.endsWith(".vmdk")) return DiskFormat.VMDK;
        if (n.endsWith(".vdi")) return DiskFormat.VDI;
        if (n.endsWith(".vhdx")) return DiskFormat.VHDX;
        if (n.endsWith(".vhd")) return DiskFormat.VPC;
        return DiskFormat.RAW;
    }
}
