package org.vmstation.engine.importer.vmware;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.OsMapping;
import org.vmstation.engine.importer.VmImporter;
import org.vmstation.engine.importer.support.LimitedFiles;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.Firmware;

/** VMware .vmx (Workstation, Fusion, ESXi, GSX; any hardware version) with its VMDK disks. */
public final class VmxImporter implements VmImporter {
    private static final Pattern DEVICE = Pattern.compile("^(ide|scsi|sata|nvme)(\\d+):(\\d+)\\.(filename|present|devicetype)$");
    private static final Pattern NIC = Pattern.compile("^ethernet(\\d+)\\.present$");
    private static final Pattern SERIAL = Pattern.compile("^serial(\\d+)\\.present$");
    private static final Pattern USB_DEVICE = Pattern.compile("^((?:usb|usb_xhci|ehci):\\d+)\\.devicetype$");
    private static final List<String> BUS_ORDER = List.of("ide", "scsi", "sata", "nvme");

    @Override public String formatName() { return "VMware .vmx"; }

    @Override
    public boolean canRead(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".vmx")) return true;
        String head = new String(LimitedFiles.head(file, 4096), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return head.contains("config.version") && head.contains("virtualhw.version");
    }

    @Override
    public ImportPlan read(Path file) throws ImportException {
        VmxFile vmx = VmxFile.parse(file, LimitedFiles.read(file));
        Path dir = file.toAbsolutePath().normalize().getParent();
        String hw = vmx.get("virtualHW.version", "?");
        ImportedVmBuilder vm = new ImportedVmBuilder(file, "VMware .vmx (hardware version " + hw + ")");
        vm.name(vmx.get("displayName"));
        String guestOs = vmx.get("guestOS", "");
        vm.osType(OsMapping.fromVmwareGuestOs(guestOs)).sourceOsId(guestOs);
        vm.cpus((int) vmx.number("numvcpus", 1));
        vm.memoryMiB(vmx.number("memsize", 0));
        vm.notes(vmx.get("annotation", ""));
        if ("efi".equalsIgnoreCase(vmx.get("firmware"))) {
            vm.firmware(Firmware.UEFI);
            if (vmx.get("nvram") != null) vm.nvramFile(vmx.get("nvram"));
        }
        if (vmx.isTrue("uefi.secureBoot.enabled")) vm.secureBoot(true);
        if (vmx.isTrue("vtpm.present")) vm.tpm(true).changed("tpm", "virtual TPM → swtpm TPM 2.0; its sealed keys are not carried over");
        readDisks(vmx, dir, vm);
        readNics(vmx, vm);
        readDevices(vmx, vm);
        readSnapshots(file, vm);
        return ImportPlan.of(file, formatName() + " (hardware version " + hw + ")", vm.build());
    }

    private record Device(String bus, int controller, int unit) {}

    private void readDisks(VmxFile vmx, Path dir, ImportedVmBuilder vm) {
        TreeSet<Device> devices = new TreeSet<>(Comparator.comparingInt((Device d) -> BUS_ORDER.indexOf(d.bus()))
                .thenComparingInt(Device::controller).thenComparingInt(Device::unit));
        for (String key : vmx.all().keySet()) {
            Matcher m = DEVICE.matcher(key);
            if (m.matches()) devices.add(new Device(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        TreeSet<String> reportedControllers = new TreeSet<>();
        for (Device d : devices) {
            String prefix = d.bus() + d.controller() + ":" + d.unit();
            if (!vmx.isTrue(prefix + ".present")) continue;
            if (!vmx.isTrue(d.bus() + d.controller() + ".present") && !d.bus().equals("ide")) {
                vm.dropped("disk", "device " + prefix + " sits on controller " + d.bus() + d.controller() + ", which is not present: skipped");
                continue;
            }
            String fileName = vmx.get(prefix + ".fileName", "");
            String type = vmx.get(prefix + ".deviceType", "").toLowerCase(Locale.ROOT);
            DiskBus bus = switch (d.bus()) {
                case "ide" -> DiskBus.IDE;
                case "sata" -> DiskBus.SATA;
                case "nvme" -> DiskBus.NVME;
                default -> DiskBus.SCSI;
            };
            if (type.startsWith("cdrom") || type.equals("atapi-cdrom")) {
                DiskBus cdBus = bus == DiskBus.NVME || bus == DiskBus.SCSI ? DiskBus.SATA : bus;
                if (type.equals("cdrom-image") && !fileName.isBlank() && !fileName.equals("emptyBackingString")) {
                    vm.addCdrom(resolve(dir, fileName).toString(), cdBus);
                } else {
                    if (!fileName.isBlank() && !fileName.equals("emptyBackingString")) {
                        vm.changed("cdrom", "CD-ROM " + prefix + " used the host drive '" + fileName + "'; imported as an empty drive");
                    }
                    vm.addCdrom(null, cdBus);
                }
                continue;
            }
            if (type.contains("tape") || type.contains("passthru") || type.equals("rawdisk")) {
                vm.dropped("disk", "device " + prefix + " (" + type + ") dropped: host device passthrough is not imported");
                continue;
            }
            if (fileName.isBlank()) {
                vm.dropped("disk", "disk " + prefix + " has no fileName");
                continue;
            }
            if (bus == DiskBus.SCSI && reportedControllers.add(d.bus() + d.controller())) {
                String dev = vmx.get(d.bus() + d.controller() + ".virtualDev", "lsilogic");
                vm.changed("disk", "SCSI controller " + d.bus() + d.controller() + " (" + dev + ") → QEMU's virtio-scsi controller");
            }
            String mode = vmx.get(prefix + ".mode", "");
            if (mode.toLowerCase(Locale.ROOT).contains("independent")) {
                vm.info("disk", "disk " + prefix + " was in '" + mode + "' mode; imported as an ordinary disk");
            }
            if (fileName.matches(".*-\\d{6}\\.vmdk$")) {
                vm.info("disk", "disk " + prefix + " ('" + fileName + "') is a snapshot delta; the import converts the whole chain from the current state");
            }
            vm.addDisk(resolve(dir, fileName), DiskFormat.VMDK, -1, bus, false);
        }
    }

    private static Path resolve(Path dir, String fileName) {
        Path p = Path.of(fileName);
        return p.isAbsolute() ? p : dir.resolve(fileName).normalize();
    }

    private void readNics(VmxFile vmx, ImportedVmBuilder vm) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (String key : vmx.all().keySet()) {
            Matcher m = NIC.matcher(key);
            if (m.matches()) ids.add(Integer.parseInt(m.group(1)));
        }
        for (int id : ids) {
            String p = "ethernet" + id;
            if (!vmx.isTrue(p + ".present")) continue;
            String addressType = vmx.get(p + ".addressType", "generated").toLowerCase(Locale.ROOT);
            String mac = addressType.equals("static") ? vmx.get(p + ".address") : vmx.get(p + ".generatedAddress");
            String conn = vmx.get(p + ".networkName");
            if (conn == null) conn = vmx.get(p + ".connectionType", "bridged");
            vm.addNic(vmx.get(p + ".virtualDev", "vlance"), mac, conn);
        }
    }

    private void readDevices(VmxFile vmx, ImportedVmBuilder vm) {
        if (vmx.isTrue("sound.present")) vm.sound(vmx.get("sound.virtualDev", "es1371"));
        if (vmx.isTrue("usb_xhci.present")) vm.usb("usb_xhci");
        else if (vmx.isTrue("ehci.present")) vm.usb("ehci");
        else if (vmx.isTrue("usb.present")) vm.usb("usb");
        // every VMware VM has the SVGA adapter unless the file turns it off, whether or not svga.present is written
        boolean svga = !"false".equalsIgnoreCase(vmx.get("svga.present", "true"));
        boolean accel = vmx.isTrue("mks.enable3d");
        vm.display(svga ? "" : "none", accel && svga);
        if (svga) vm.changed("display", "VMware SVGA" + (accel ? " with 3-D (mks.enable3d)" : "") + " → virtio-vga" + (accel ? " with 3-D on" : ""));
        for (String key : vmx.all().keySet()) {
            Matcher m = SERIAL.matcher(key);
            if (m.matches() && vmx.isTrue(key)) vm.serialPort();
        }
        // VMware gives a VM a floppy drive unless floppy0.present = "FALSE"
        if (!"false".equalsIgnoreCase(vmx.get("floppy0.present", "true"))) {
            String media = vmx.get("floppy0.fileName");
            vm.dropped("floppy", "floppy drive" + (media != null && !media.isBlank() ? " ('" + media + "')" : "")
                    + " dropped: VMStation machines have no floppy controller");
        }
        if (vmx.isTrue("vmci0.present")) vm.dropped("device", "VMCI device dropped: VMware-only guest communication");
        for (Map.Entry<String, String> e : vmx.all().entrySet()) {
            if (e.getKey().matches("^pcipassthru\\d+\\.present$") && vmx.isTrue(e.getKey())) {
                vm.dropped("device", "PCI passthrough device " + e.getKey().replace(".present", "") + " dropped: host hardware is not imported");
            }
        }
        for (Map.Entry<String, String> e : vmx.all().entrySet()) {
            Matcher m = USB_DEVICE.matcher(e.getKey());
            if (!m.matches() || "false".equalsIgnoreCase(vmx.get(m.group(1) + ".present", "true"))) continue;
            String type = e.getValue().toLowerCase(Locale.ROOT);
            if (type.equals("hid") || type.equals("hub")) {
                vm.info("usb", type.equals("hid")
                        ? "USB hid " + m.group(1) + " (VMware's virtual keyboard/mouse) → VMStation's own USB input devices"
                        : "USB hub " + m.group(1) + " (VMware's virtual hub) not needed: the USB controller has enough ports");
            } else {
                vm.dropped("usb", "USB device " + m.group(1) + " (" + e.getValue() + ") dropped: host USB devices are attached at run time, not imported");
            }
        }
        long cores = vmx.number("cpuid.coresPerSocket", 1);
        if (cores > 1) vm.info("cpu", "the source had " + cores + " cores per socket; imported as " + vmx.number("numvcpus", 1) + " CPUs");
    }

    private void readSnapshots(Path vmxFile, ImportedVmBuilder vm) {
        String name = vmxFile.getFileName().toString();
        Path vmsd = vmxFile.resolveSibling(name.replaceFirst("(?i)\\.vmx$", "") + ".vmsd");
        if (!Files.isRegularFile(vmsd)) return;
        try {
            VmxFile sd = VmxFile.parse(vmsd, LimitedFiles.read(vmsd));
            long n = sd.number("snapshot.numSnapshots", 0);
            if (n > 0) {
                vm.snapshots((int) n);
                vm.info("snapshot", "snapshot tree: " + n + " snapshot(s), only the current state is imported");
            }
        } catch (ImportException e) {
            vm.info("snapshot", "the snapshot list '" + vmsd.getFileName() + "' could not be read: " + e.getMessage());
        }
    }
}
