package org.vmstation.engine.importer.vbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.OsMapping;
import org.vmstation.engine.importer.support.Dom;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.PortForward;
import org.w3c.dom.Element;

/**
 * Maps a VirtualBox {@code <Machine>} element (settings 1.12 to 1.19). Reads the current state only; the
 * snapshot tree is counted and reported. StorageControllers are found both beside {@code <Hardware>}
 * (before 7.0) and inside it (7.0 and later).
 */
public final class VboxMachineReader {
    private final Element machine;
    private final Path folder;
    private final ImportedVmBuilder vm;
    private final Map<String, Element> media = new HashMap<>();
    private final Map<String, Element> parentOf = new HashMap<>();

    private VboxMachineReader(Element machine, Path folder, ImportedVmBuilder vm) {
        this.machine = machine;
        this.folder = folder;
        this.vm = vm;
    }

    /** Reads a .vbox file's machine into {@code vm}; disk paths resolve against {@code folder}. */
    public static void read(Element machine, Path folder, ImportedVmBuilder vm) {
        VboxMachineReader r = new VboxMachineReader(machine, folder, vm);
        r.indexMedia();
        r.readAll(true);
    }

    /**
     * Adds what only the embedded settings know to a VM read from an OVF (VirtualBox exports): firmware, NAT port
     * forwards, the NICs' MAC addresses, the boot order and the real audio controller (VirtualBox's OVF export
     * writes every AC97 card as "ensoniq1371"). Disks and NICs come from the OVF items, so they are not read twice.
     */
    public static void enrichFromEmbedded(Element machine, ImportedVmBuilder vm) {
        VboxMachineReader r = new VboxMachineReader(machine, null, vm);
        Element hw = Dom.child(machine, "Hardware");
        if (hw == null) return;
        r.readFirmware(hw);
        int nic = 0;
        for (Element a : Dom.children(Dom.child(hw, "Network"), "Adapter")) {
            if (!"true".equalsIgnoreCase(Dom.attr(a, "enabled"))) continue;
            if (nic == 0) r.readForwards(a);
            vm.nicMacIfMissing(nic++, Dom.attr(a, "MACAddress"));
        }
        r.readAudio(hw);
        r.readBootOrder(hw);
        Element display = Dom.child(hw, "Display");
        String ctrl = display == null ? "VBoxVGA" : Dom.attr(display, "controller", "VBoxVGA");
        if (!ctrl.equalsIgnoreCase("None")) vm.changed("display", "display adapter '" + ctrl + "' → virtio-vga: VirtualBox adapters have no QEMU counterpart");
    }

    private void indexMedia() {
        Element reg = Dom.child(machine, "MediaRegistry");
        if (reg == null) return;
        for (Element hd : Dom.descendants(reg, "HardDisk")) {
            media.put(uuid(hd), hd);
            for (Element child : Dom.children(hd, "HardDisk")) parentOf.put(uuid(child), hd);
        }
        for (Element img : Dom.descendants(reg, "Image")) media.put(uuid(img), img);
    }

    private static String uuid(Element e) {
        String u = Dom.attr(e, "uuid");
        return u == null ? "" : u.toLowerCase(Locale.ROOT).replaceAll("[{}]", "");
    }

    private void readAll(boolean withDisks) {
        vm.name(Dom.attr(machine, "name"));
        String os = Dom.attr(machine, "OSType");
        vm.osType(OsMapping.fromVirtualBoxOsType(os)).sourceOsId(os);
        String desc = Dom.childText(machine, "Description");
        if (desc != null) vm.notes(desc);
        Element hw = Dom.child(machine, "Hardware");
        if (hw == null) {
            vm.info("hardware", "the machine has no <Hardware> element; defaults are used");
            return;
        }
        Element cpu = Dom.child(hw, "CPU");
        vm.cpus(cpu == null ? 1 : (int) num(Dom.attr(cpu, "count"), 1));
        Element mem = Dom.child(hw, "Memory");
        if (mem != null) vm.memoryMiB(num(Dom.attr(mem, "RAMSize"), 0));
        readFirmware(hw);
        Element tpm = Dom.child(hw, "TrustedPlatformModule");
        if (tpm != null && !"None".equalsIgnoreCase(Dom.attr(tpm, "type", "None"))) {
            vm.tpm(true).changed("tpm", "TPM " + Dom.attr(tpm, "type") + " → swtpm TPM 2.0; its keys are not carried over");
        }
        Element display = Dom.child(hw, "Display");
        String ctrl = display == null ? "VBoxVGA" : Dom.attr(display, "controller", "VBoxVGA");
        boolean accel = display != null && "true".equalsIgnoreCase(Dom.attr(display, "accelerate3D"));
        vm.display(ctrl.equalsIgnoreCase("VMSVGA") || ctrl.equalsIgnoreCase("VBoxSVGA") || ctrl.equalsIgnoreCase("VBoxVGA") ? "virtio" : ctrl, accel);
        if (!ctrl.equalsIgnoreCase("None")) vm.changed("display", "display adapter '" + ctrl + "' → virtio-vga: VirtualBox adapters have no QEMU counterpart");
        readNics(hw);
        readAudio(hw);
        readUsb(hw);
        for (Element p : Dom.children(Dom.child(hw, "UART"), "Port")) {
            if ("true".equalsIgnoreCase(Dom.attr(p, "enabled"))) vm.serialPort();
        }
        readBootOrder(hw);
        if (withDisks) readStorage(hw);
        int snaps = Dom.descendants(machine, "Snapshot").size();
        if (snaps > 0) {
            vm.snapshots(snaps);
            vm.info("snapshot", "snapshot tree: " + snaps + " snapshot(s), only the current state is imported");
        }
        if (Dom.attr(machine, "stateFile") != null) {
            vm.dropped("state", "the saved state ('" + Dom.attr(machine, "stateFile") + "') is discarded: the VM starts powered off");
        }
    }

    private void readFirmware(Element hw) {
        Element fw = Dom.child(hw, "Firmware");
        String type = fw == null ? null : Dom.attr(fw, "type");
        if (type != null && type.toUpperCase(Locale.ROOT).startsWith("EFI")) vm.firmware(Firmware.UEFI);
        Element nvram = Dom.child(hw, "NVRAM");
        if (nvram != null && Dom.attr(nvram, "path") != null && type != null && type.toUpperCase(Locale.ROOT).startsWith("EFI")) {
            vm.nvramFile(Dom.attr(nvram, "path"));
        }
        Element sb = Dom.path(hw, "NVRAM", "SecureBoot");
        if (sb != null && "true".equalsIgnoreCase(Dom.attr(sb, "enabled"))) vm.secureBoot(true);
    }

    private void readNics(Element hw) {
        for (Element a : Dom.children(Dom.child(hw, "Network"), "Adapter")) {
            if (!"true".equalsIgnoreCase(Dom.attr(a, "enabled"))) continue;
            String attachment = "nat";
            for (Element c : Dom.children(a)) {
                String l = Dom.localName(c);
                if (l.equals("DisabledModes")) continue;
                attachment = switch (l) {
                    case "NAT" -> "nat";
                    case "BridgedInterface" -> "bridged:" + Dom.attr(c, "name", "");
                    case "HostOnlyInterface" -> "host-only:" + Dom.attr(c, "name", "");
                    case "InternalNetwork" -> "internal:" + Dom.attr(c, "name", "");
                    case "NATNetwork" -> "natnetwork:" + Dom.attr(c, "name", "");
                    default -> l;
                };
                break;
            }
            if (vm.nicCount() == 0) readForwards(a);
            vm.addNic(Dom.attr(a, "type", "Am79C973"), Dom.attr(a, "MACAddress"), attachment);
        }
    }

    private void readForwards(Element adapter) {
        Element nat = Dom.child(adapter, "NAT");
        for (Element f : Dom.children(nat, "Forwarding")) {
            PortForward.Protocol proto = "0".equals(Dom.attr(f, "proto")) ? PortForward.Protocol.UDP : PortForward.Protocol.TCP;
            int host = (int) num(Dom.attr(f, "hostport"), -1);
            int guest = (int) num(Dom.attr(f, "guestport"), -1);
            if (host > 0 && host < 65536 && guest > 0 && guest < 65536) {
                vm.forward(new PortForward(proto, Dom.attr(f, "hostip"), host, guest));
            } else {
                vm.dropped("network", "NAT port forward '" + Dom.attr(f, "name") + "' has unusable ports (" + Dom.attr(f, "hostport") + " → "
                        + Dom.attr(f, "guestport") + ")");
            }
        }
    }

    private void readAudio(Element hw) {
        Element audio = Dom.child(hw, "AudioAdapter");
        if (audio == null || !"true".equalsIgnoreCase(Dom.attr(audio, "enabled"))) return;
        String ctrl = Dom.attr(audio, "controller", "AC97");
        vm.sound(ctrl.equalsIgnoreCase("HDA") ? "hda" : ctrl);
    }

    private void readUsb(Element hw) {
        // settings 1.12 and older: <USBController enabled="true" enabledEhci="true"/>
        Element legacy = Dom.child(hw, "USBController");
        if (legacy != null && "true".equalsIgnoreCase(Dom.attr(legacy, "enabled"))) {
            vm.usb("true".equalsIgnoreCase(Dom.attr(legacy, "enabledXhci")) ? "XHCI"
                    : "true".equalsIgnoreCase(Dom.attr(legacy, "enabledEhci")) ? "EHCI" : "OHCI");
            return;
        }
        Element usb = Dom.child(hw, "USB");
        List<Element> ctrls = Dom.children(Dom.child(usb, "Controllers"), "Controller");
        String best = null;
        for (Element c : ctrls) {
            String t = Dom.attr(c, "type", "");
            if (best == null || t.equalsIgnoreCase("XHCI") || (t.equalsIgnoreCase("EHCI") && !best.equalsIgnoreCase("XHCI"))) best = t;
        }
        if (best != null) vm.usb(best);
    }

    private void readBootOrder(Element hw) {
        List<BootDevice> order = new ArrayList<>();
        for (Element o : Dom.children(Dom.child(hw, "Boot"), "Order")) {
            BootDevice d = switch (Dom.attr(o, "device", "None")) {
                case "HardDisk" -> BootDevice.DISK;
                case "DVD" -> BootDevice.CDROM;
                case "Network" -> BootDevice.NETWORK;
                default -> null;
            };
            if (d != null && !order.contains(d)) order.add(d);
        }
        if (!order.isEmpty()) vm.bootOrder(order);
    }

    private void readStorage(Element hw) {
        Element controllers = Dom.child(hw, "StorageControllers");
        if (controllers == null) controllers = Dom.child(machine, "StorageControllers");
        java.util.Set<String> attached = new java.util.HashSet<>();
        for (Element sc : Dom.children(controllers, "StorageController")) {
            DiskBus bus = bus(Dom.attr(sc, "type", ""));
            for (Element ad : Dom.children(sc, "AttachedDevice")) {
                String type = Dom.attr(ad, "type", "");
                Element image = Dom.child(ad, "Image");
                String id = image == null ? null : uuid(image);
                if (id != null) attached.add(id);
                Element medium = id == null ? null : media.get(id);
                switch (type) {
                    case "HardDisk" -> {
                        if (medium == null) {
                            vm.dropped("disk", "disk on " + Dom.attr(sc, "name") + " port " + Dom.attr(ad, "port") + " refers to medium " + id
                                    + ", which the media registry does not list");
                        } else {
                            addDisk(medium, bus == null ? DiskBus.SATA : bus, Dom.attr(sc, "name"));
                        }
                    }
                    case "DVD" -> {
                        String loc = medium == null ? null : Dom.attr(medium, "location");
                        if (loc != null && "VBoxIsoMaker".equalsIgnoreCase(Dom.attr(medium, "format"))) {
                            vm.dropped("cdrom", "unattended-install image '" + loc + "' (VirtualBox ISO maker) dropped: it is VirtualBox-only");
                            loc = null;
                        }
                        vm.addCdrom(loc == null ? null : resolve(loc).toString(), bus == null || bus == DiskBus.SCSI || bus == DiskBus.NVME ? DiskBus.SATA : bus);
                    }
                    case "Floppy" -> vm.dropped("floppy", "floppy drive dropped: VMStation machines have no floppy controller");
                    default -> vm.dropped("device", "attached device of type '" + type + "' dropped");
                }
            }
        }
        // VirtualBox 7 omits empty StorageControllers: a disk registered only in the machine's own registry still belongs to it.
        Element reg = Dom.child(machine, "MediaRegistry");
        for (Element hd : Dom.children(Dom.child(reg, "HardDisks"), "HardDisk")) {
            if (!attached.contains(uuid(hd)) && !attachedChild(hd, attached)) {
                vm.changed("disk", "disk '" + Dom.attr(hd, "location") + "' is registered to the VM but attached to no controller: attached on SATA");
                addDisk(hd, DiskBus.SATA, "SATA");
            }
        }
    }

    private boolean attachedChild(Element hd, java.util.Set<String> attached) {
        for (Element c : Dom.descendants(hd, "HardDisk")) if (attached.contains(uuid(c))) return true;
        return false;
    }

    private void addDisk(Element medium, DiskBus bus, String controller) {
        String loc = Dom.attr(medium, "location");
        if (loc == null) {
            vm.dropped("disk", "a disk on '" + controller + "' has no location");
            return;
        }
        Element parent = parentOf.get(uuid(medium));
        if (parent != null) {
            vm.changed("disk", "disk '" + loc + "' is a snapshot (differencing) image on top of '" + Dom.attr(parent, "location")
                    + "'; the import converts the chain from the current state");
        }
        DiskFormat declared = switch (Dom.attr(medium, "format", "VDI").toUpperCase(Locale.ROOT)) {
            case "VMDK" -> DiskFormat.VMDK;
            case "VHD" -> DiskFormat.VPC;
            case "VHDX" -> DiskFormat.VHDX;
            case "QCOW", "QCOW2" -> DiskFormat.QCOW2;
            case "RAW", "ISO" -> DiskFormat.RAW;
            default -> DiskFormat.VDI;
        };
        vm.addDisk(resolve(loc), declared, -1, bus, "Immutable".equalsIgnoreCase(Dom.attr(medium, "type")));
    }

    private Path resolve(String location) {
        String l = location.replace('\\', '/');
        boolean windowsAbsolute = l.matches("^[A-Za-z]:/.*");
        if (windowsAbsolute || l.startsWith("/") || folder == null) return Path.of(l);
        return folder.resolve(l).normalize();
    }

    private static DiskBus bus(String type) {
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "PIIX3", "PIIX4", "ICH6" -> DiskBus.IDE;
            case "AHCI" -> DiskBus.SATA;
            case "LSILOGIC", "BUSLOGIC", "LSILOGICSAS", "VIRTIOSCSI" -> DiskBus.SCSI;
            case "NVME" -> DiskBus.NVME;
            case "USB" -> DiskBus.USB;
            default -> null;
        };
    }

    private static long num(String s, long fallback) {
        if (s == null) return fallback;
        try { return Long.parseLong(s.strip()); } catch (NumberFormatException e) { return fallback; }
    }
}
