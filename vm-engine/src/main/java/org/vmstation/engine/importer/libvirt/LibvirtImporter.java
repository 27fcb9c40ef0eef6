package org.vmstation.engine.importer.libvirt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vmstation.engine.importer.DiskProbe;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.OsMapping;
import org.vmstation.engine.importer.VmImporter;
import org.vmstation.engine.importer.support.Dom;
import org.vmstation.engine.importer.support.LimitedFiles;
import org.vmstation.engine.importer.support.SafeXml;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.Firmware;
import org.w3c.dom.Element;

/** libvirt domain XML as written by virt-install, virt-manager, virt-v2v, libvirt's tests and by hand. */
public final class LibvirtImporter implements VmImporter {
    @Override public String formatName() { return "libvirt domain XML"; }

    @Override
    public boolean canRead(Path file) {
        String head = new String(LimitedFiles.head(file, 4096), StandardCharsets.ISO_8859_1);
        // the root may follow an XML declaration, comments or a DOCTYPE
        return java.util.regex.Pattern.compile("<domain[\\s>]").matcher(head).find() && head.stripLeading().startsWith("<");
    }

    @Override
    public ImportPlan read(Path file) throws ImportException {
        Element domain = SafeXml.parse(file).getDocumentElement();
        if (!Dom.localName(domain).equals("domain")) {
            throw new ImportException(file, "root element is <" + domain.getNodeName() + ">; a libvirt domain starts with <domain>");
        }
        String hv = Dom.attr(domain, "type", "");
        Element os = Dom.child(domain, "os");
        Element osType = Dom.child(os, "type");
        String kind = osType == null ? "hvm" : Dom.text(osType);
        if (hv.equals("vz") && kind.equals("exe") || kind.equals("exe") || hv.equals("lxc") || hv.equals("openvz")) {
            throw new ImportException(file, "<domain type=\"" + hv + "\"> with <os><type>" + kind + "</type> is a container, not a virtual machine; "
                    + "VMStation runs only full virtual machines");
        }
        String arch = osType == null ? "x86_64" : Dom.attr(osType, "arch", "x86_64");
        String machine = osType == null ? null : Dom.attr(osType, "machine");
        if (arch.startsWith("s390")) {
            throw new ImportException(file, "guest architecture '" + arch + "' (IBM Z, machine " + machine + ") cannot run here: VMStation "
                    + "runs x86, ARM and RISC-V guests");
        }
        ImportedVmBuilder vm = new ImportedVmBuilder(file, formatName() + " (" + (hv.isEmpty() ? "unknown" : hv) + ")");
        vm.name(Dom.childText(domain, "name"));
        vm.architecture(arch.equals("i386") ? "i686" : arch);
        if (!arch.equals("x86_64") && !arch.equals("i686") && !arch.equals("i386")) {
            vm.info("architecture", "guest architecture " + arch + " is emulated (qemu-system-" + arch + "), which is slow on this host");
        }
        vm.machineType(machine(machine, arch, vm));
        if (!hv.equals("kvm") && !hv.equals("qemu")) vm.info("hypervisor", "domain type '" + hv + "' → QEMU");
        String title = Dom.childText(domain, "title");
        String desc = Dom.childText(domain, "description");
        vm.notes(String.join("\n", List.of(title == null ? "" : title, desc == null ? "" : desc)).strip());
        readMemory(domain, vm);
        Element vcpu = Dom.child(domain, "vcpu");
        if (vcpu != null) {
            String current = Dom.attr(vcpu, "current");
            vm.cpus((int) num(current != null ? current : Dom.text(vcpu), 1));
        }
        readOsType(domain, vm);
        readFirmware(os, vm);
        readBoot(os, vm);
        Element devices = Dom.child(domain, "devices");
        readDisks(file, devices, vm);
        readOtherDevices(devices, vm);
        readDeviceBootOrder(devices, vm);
        reportUnmappedDevices(devices, vm);
        for (Element lsec : Dom.children(domain, "launchSecurity")) {
            vm.dropped("security", "launch security '" + Dom.attr(lsec, "type") + "' (confidential computing) dropped: not supported");
        }
        return ImportPlan.of(file, formatName(), vm.build());
    }

    private static String machine(String machine, String arch, ImportedVmBuilder vm) {
        if (machine == null || machine.isBlank()) return arch.equals("x86_64") || arch.equals("i686") ? "q35" : "virt";
        if (machine.startsWith("pc-q35") || machine.equals("q35")) return "q35";
        if (machine.equals("pc") || machine.startsWith("pc-i440fx") || machine.startsWith("pc-")) {
            vm.info("machine", "machine '" + machine + "' (i440FX) kept as 'pc'");
            return "pc";
        }
        return machine.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    /** The memory the guest boots with: currentMemory (the balloon target) when set, else memory; a difference is reported. */
    private static void readMemory(Element domain, ImportedVmBuilder vm) {
        long max = memory(Dom.child(domain, "memory"));
        long current = memory(Dom.child(domain, "currentMemory"));
        vm.memoryMiB(current > 0 ? current : max);
        if (current > 0 && max > current) {
            vm.changed("memory", "memory " + max + " MiB with a balloon target (currentMemory) of " + current + " MiB → " + current
                    + " MiB, what the guest runs with");
        }
        Element maxMemory = Dom.child(domain, "maxMemory");
        if (maxMemory != null) {
            vm.dropped("memory", "memory hot-plug ceiling (maxMemory " + memory(maxMemory) + " MiB, " + Dom.attr(maxMemory, "slots", "?")
                    + " slots) dropped: VMStation VMs have a fixed memory size");
        }
    }

    private static long memory(Element e) {
        if (e == null) return 0;
        long value = num(Dom.text(e), 0);
        String unit = Dom.attr(e, "unit", "KiB");
        long bytes = switch (unit) {
            case "b", "bytes" -> value;
            case "KB" -> value * 1000;
            case "k", "KiB" -> value * 1024;
            case "MB" -> value * 1000_000;
            case "M", "MiB" -> value * 1024 * 1024;
            case "GB" -> value * 1000_000_000L;
            case "G", "GiB" -> value * 1024L * 1024 * 1024;
            case "TB" -> value * 1000_000_000_000L;
            case "T", "TiB" -> value * 1024L * 1024 * 1024 * 1024;
            default -> value * 1024;
        };
        return bytes / (1024 * 1024);
    }

    private static void readOsType(Element domain, ImportedVmBuilder vm) {
        for (Element osEl : Dom.descendants(domain, "os")) {
            String id = Dom.attr(osEl, "id");
            if (id != null && osEl.getParentNode() != null && Dom.localName(osEl.getParentNode()).equals("libosinfo")) {
                vm.osType(OsMapping.fromLibosinfo(id)).sourceOsId(id);
                return;
            }
        }
        vm.osType(OsMapping.fromText(Dom.childText(domain, "name")));
    }

    private static void readFirmware(Element os, ImportedVmBuilder vm) {
        if (os == null) return;
        if ("efi".equalsIgnoreCase(Dom.attr(os, "firmware"))) vm.firmware(Firmware.UEFI);
        Element loader = Dom.child(os, "loader");
        if (loader != null) {
            String path = Dom.text(loader);
            if ("pflash".equals(Dom.attr(loader, "type")) || (path != null && path.toUpperCase(Locale.ROOT).contains("OVMF"))
                    || (path != null && path.toLowerCase(Locale.ROOT).contains("edk2"))) {
                vm.firmware(Firmware.UEFI);
            }
            if ("yes".equals(Dom.attr(loader, "secure")) || (path != null && path.toLowerCase(Locale.ROOT).contains("secboot"))) vm.secureBoot(true);
        }
        for (Element f : Dom.descendants(os, "feature")) {
            if ("enrolled-keys".equals(Dom.attr(f, "name")) && !"no".equals(Dom.attr(f, "enabled"))) vm.secureBoot(true);
            if ("secure-boot".equals(Dom.attr(f, "name")) && "yes".equals(Dom.attr(f, "enabled"))) vm.secureBoot(true);
        }
        Element nvram = Dom.child(os, "nvram");
        if (nvram != null && Dom.text(nvram) != null && !Dom.text(nvram).isEmpty()) vm.nvramFile(Dom.text(nvram));
        if (Dom.child(os, "kernel") != null) {
            vm.dropped("boot", "direct kernel boot ('" + Dom.childText(os, "kernel") + "') dropped: the host's kernel file is not imported");
        }
    }

    private static void readBoot(Element os, ImportedVmBuilder vm) {
        List<BootDevice> order = new ArrayList<>();
        for (Element b : Dom.children(os, "boot")) {
            BootDevice d = switch (Dom.attr(b, "dev", "")) {
                case "hd" -> BootDevice.DISK;
                case "cdrom" -> BootDevice.CDROM;
                case "network" -> BootDevice.NETWORK;
                default -> null;
            };
            if (d != null && !order.contains(d)) order.add(d);
        }
        if (!order.isEmpty()) vm.bootOrder(order);
    }

    /** Disks in boot order: those with {@code <boot order>} first, by order, then the rest as listed. */
    private static void readDisks(Path file, Element devices, ImportedVmBuilder vm) {
        List<Element> disks = new ArrayList<>(Dom.children(devices, "disk"));
        disks.sort((a, b) -> Long.compare(bootIndex(a), bootIndex(b)));
        for (Element d : disks) {
            String device = Dom.attr(d, "device", "disk");
            String type = Dom.attr(d, "type", "file");
            Element source = Dom.child(d, "source");
            Element target = Dom.child(d, "target");
            String dev = Dom.attr(target, "dev", "?");
            DiskBus bus = bus(Dom.attr(target, "bus"), dev);
            String path = source == null ? null : type.equals("block") ? Dom.attr(source, "dev") : Dom.attr(source, "file");
            // libvirt wants absolute paths; a relative one (virt-v2v -o libvirt writes them) lies beside the XML
            if (path != null && !path.isBlank() && !Path.of(path).isAbsolute()) {
                path = file.toAbsolutePath().normalize().getParent().resolve(path).normalize().toString();
            }
            if (device.equals("floppy")) {
                vm.dropped("floppy", "floppy " + dev + " dropped: VMStation machines have no floppy controller");
                continue;
            }
            if (device.equals("cdrom")) {
                vm.addCdrom(path, bus == DiskBus.VIRTIO || bus == DiskBus.SCSI || bus == DiskBus.NVME ? DiskBus.SATA : bus);
                if (path == null && source != null) vm.changed("cdrom", "CD-ROM " + dev + " of type '" + type + "' imported as an empty drive");
                continue;
            }
            if (device.equals("lun")) {
                vm.dropped("disk", "LUN passthrough " + dev + " dropped: host storage is not imported");
                continue;
            }
            if (!type.equals("file") && !type.equals("block")) {
                vm.dropped("disk", "disk " + dev + " of type '" + type + "'" + describeSource(source) + " dropped: only image files and block devices can be imported");
                continue;
            }
            if (path == null || path.isBlank()) {
                vm.dropped("disk", "disk " + dev + " has no source file");
                continue;
            }
            if (type.equals("block")) vm.info("disk", "disk " + dev + " is the host block device '" + path + "'; the import copies its content");
            Element driver = Dom.child(d, "driver");
            DiskFormat declared = DiskProbe.formatFromName(Dom.attr(driver, "type"), DiskFormat.RAW);
            if (bus == DiskBus.USB) vm.info("disk", "disk " + dev + " stays on the USB bus");
            vm.addDisk(Path.of(path), declared, -1, bus, Dom.child(d, "readonly") != null);
        }
    }

    private static String describeSource(Element source) {
        if (source == null) return "";
        for (String a : List.of("protocol", "pool", "dir", "name")) {
            String v = Dom.attr(source, a);
            if (v != null) return " (" + a + " '" + v + "')";
        }
        return "";
    }

    private static long bootIndex(Element disk) {
        Element boot = Dom.child(disk, "boot");
        return boot == null ? Long.MAX_VALUE : num(Dom.attr(boot, "order"), Long.MAX_VALUE);
    }

    private static DiskBus bus(String bus, String dev) {
        String b = bus != null ? bus : dev.startsWith("vd") ? "virtio" : dev.startsWith("hd") ? "ide" : dev.startsWith("sd") ? "scsi" : "sata";
        return switch (b) {
            case "virtio", "xen" -> DiskBus.VIRTIO;
            case "ide" -> DiskBus.IDE;
            case "scsi" -> DiskBus.SCSI;
            case "usb" -> DiskBus.USB;
            case "nvme" -> DiskBus.NVME;
            default -> DiskBus.SATA;
        };
    }

    private static void readOtherDevices(Element devices, ImportedVmBuilder vm) {
        for (Element i : Dom.children(devices, "interface")) {
            String type = Dom.attr(i, "type", "");
            Element model = Dom.child(i, "model");
            Element src = Dom.child(i, "source");
            String conn = src == null ? type : type + ":" + Dom.attr(src, "bridge", Dom.attr(src, "network", Dom.attr(src, "dev", "")));
            vm.addNic(model == null ? "" : Dom.attr(model, "type", ""), Dom.attr(Dom.child(i, "mac"), "address"), conn);
        }
        List<Element> videos = Dom.children(devices, "video");
        Element video = videos.isEmpty() ? null : videos.getFirst();
        for (Element extra : videos.subList(Math.min(1, videos.size()), videos.size())) {
            Element m = Dom.child(extra, "model");
            vm.dropped("display", "secondary video adapter '" + (m == null ? "?" : Dom.attr(m, "type", "?")) + "' dropped: a VMStation VM has one display adapter");
        }
        if (video != null) {
            Element model = Dom.child(video, "model");
            String t = model == null ? "" : Dom.attr(model, "type", "");
            Element accel = Dom.child(model, "acceleration");
            vm.display(t, accel != null && "yes".equals(Dom.attr(accel, "accel3d")));
        } else if (Dom.children(devices, "graphics").isEmpty()) {
            vm.display("none", false);
        }
        List<Element> sounds = Dom.children(devices, "sound");
        if (!sounds.isEmpty()) vm.sound(Dom.attr(sounds.getFirst(), "model", "ich6"));
        for (Element extra : sounds.subList(Math.min(1, sounds.size()), sounds.size())) {
            vm.dropped("sound", "additional sound card '" + Dom.attr(extra, "model", "ich6") + "' dropped: a VMStation VM has one sound card");
        }
        java.util.Set<String> usbModels = new java.util.LinkedHashSet<>();
        for (Element c : Dom.children(devices, "controller")) {
            if ("usb".equals(Dom.attr(c, "type")) && !"none".equals(Dom.attr(c, "model"))) usbModels.add(Dom.attr(c, "model", "piix3-uhci"));
        }
        for (String model : usbModels) {
            // UHCI companions of an EHCI controller are part of it, not controllers of their own
            if (model.contains("uhci") && usbModels.stream().anyMatch(m -> m.contains("ehci"))) continue;
            vm.usb(model);
        }
        List<Element> tpms = Dom.children(devices, "tpm");
        for (Element extra : tpms.subList(Math.min(1, tpms.size()), tpms.size())) {
            vm.dropped("tpm", "second TPM '" + Dom.attr(extra, "model", "tpm-tis") + "' dropped: a VMStation VM has one TPM");
        }
        for (Element t : tpms) {
            Element backend = Dom.child(t, "backend");
            vm.tpm(true);
            if (backend != null && "passthrough".equals(Dom.attr(backend, "type"))) {
                vm.changed("tpm", "host TPM passthrough → emulated TPM 2.0 (swtpm)");
            } else if (backend != null && "1.2".equals(Dom.attr(backend, "version"))) {
                vm.changed("tpm", "TPM 1.2 → TPM 2.0 (swtpm); its state is not carried over");
            } else {
                vm.info("tpm", "TPM kept as an emulated TPM 2.0; its state (keys) is not carried over");
            }
            break;
        }
        for (Element s : Dom.children(devices, "serial")) if (s != null) vm.serialPort();
        int hostdevs = Dom.children(devices, "hostdev").size();
        if (hostdevs > 0) vm.dropped("device", hostdevs + " host device passthrough(s) (hostdev) dropped: host hardware is not imported");
        int redir = Dom.children(devices, "redirdev").size();
        if (redir > 0) vm.dropped("usb", redir + " USB redirection channel(s) dropped");
        int fs = Dom.children(devices, "filesystem").size();
        if (fs > 0) vm.dropped("filesystem", fs + " shared folder(s) (filesystem) dropped");
        int smartcards = Dom.children(devices, "smartcard").size();
        if (smartcards > 0) vm.dropped("device", smartcards + " smartcard reader(s) dropped");
    }

    /**
     * Per-device {@code <boot order='N'/>} (which libvirt prefers over {@code <os><boot dev>}) gives the boot order
     * of the device kinds: disks, CD-ROMs, network adapters.
     */
    private static void readDeviceBootOrder(Element devices, ImportedVmBuilder vm) {
        java.util.TreeMap<Long, BootDevice> byOrder = new java.util.TreeMap<>();
        for (Element d : Dom.children(devices)) {
            Element boot = Dom.child(d, "boot");
            long order = boot == null ? -1 : num(Dom.attr(boot, "order"), -1);
            if (order < 0) continue;
            String kind = Dom.localName(d);
            BootDevice b = kind.equals("interface") ? BootDevice.NETWORK
                    : kind.equals("disk") && "cdrom".equals(Dom.attr(d, "device")) ? BootDevice.CDROM
                    : kind.equals("disk") && !"floppy".equals(Dom.attr(d, "device")) ? BootDevice.DISK : null;
            if (b != null) byOrder.putIfAbsent(order, b);
        }
        List<BootDevice> order = new ArrayList<>();
        for (BootDevice b : byOrder.values()) if (!order.contains(b)) order.add(b);
        if (order.isEmpty()) return;
        // without strict boot, QEMU's firmware still tries the unnumbered devices after the numbered ones
        for (BootDevice b : List.of(BootDevice.DISK, BootDevice.CDROM)) if (!order.contains(b)) order.add(b);
        vm.bootOrder(order);
    }

    /** Devices with no VMStation counterpart, named once each so that nothing is lost silently. */
    private static void reportUnmappedDevices(Element devices, ImportedVmBuilder vm) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (Element d : Dom.children(devices)) {
            String kind = Dom.localName(d);
            String what = switch (kind) {
                case "watchdog" -> "watchdog";
                case "rng" -> "random number generator (rng)";
                case "panic" -> "panic notifier";
                case "shmem" -> "shared memory device (shmem)";
                case "parallel" -> "parallel port";
                case "vsock" -> "vsock";
                case "iommu" -> "IOMMU";
                case "crypto" -> "crypto device";
                case "pstore" -> "pstore";
                case "hub" -> "USB hub";
                case "nvram" -> "NVRAM device";
                default -> null;
            };
            if (what != null) counts.merge(what, 1, Integer::sum);
        }
        for (var e : counts.entrySet()) {
            vm.dropped("device", (e.getValue() > 1 ? e.getValue() + " × " : "") + e.getKey() + " dropped: not part of a VMStation machine");
        }
        int modules = Dom.children(devices, "memory").size();
        if (modules > 0) {
            vm.info("memory", modules + " hot-pluggable memory module(s) are counted in <memory> and imported as plain memory");
        }
    }

    private static long num(String s, long fallback) {
        if (s == null) return fallback;
        try { return Long.parseLong(s.strip()); } catch (NumberFormatException e) { return fallback; }
    }
}
