package org.vmstation.engine.importer.utm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.OsMapping;
import org.vmstation.engine.importer.VmImporter;
import org.vmstation.engine.importer.support.LimitedFiles;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.PortForward;

/** UTM bundles (.utm folders) through their config.plist, configuration versions 2 (UTM 2/3) and 4 (UTM 4+). */
public final class UtmImporter implements VmImporter {
    @Override public String formatName() { return "UTM config.plist"; }

    @Override
    public boolean canRead(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String head = new String(LimitedFiles.head(file, 1024), StandardCharsets.ISO_8859_1);
        return n.endsWith(".plist") || head.startsWith("bplist") || head.contains("<plist");
    }

    @Override
    public ImportPlan read(Path file) throws ImportException {
        Object root = PlistParser.parse(file, LimitedFiles.read(file));
        if (!(root instanceof Map<?, ?> cfg)) throw new ImportException(file, "top-level value is not a <dict>; a UTM configuration is a dictionary");
        Object version = cfg.get("ConfigurationVersion");
        if (version == null && cfg.get("System") == null) {
            throw new ImportException(file, "has no ConfigurationVersion and no System section: it is not a UTM VM configuration "
                    + (cfg.containsKey("DisplaySizeWidth") || cfg.containsKey("DisplayScale") || cfg.containsKey("IsDisplayZoomLock")
                    ? "(this is a view.plist, which only holds window state; import the bundle's config.plist)" : ""));
        }
        long v = version instanceof Long l ? l : 2;
        Path bundle = file.toAbsolutePath().normalize().getParent();
        boolean inBundle = bundle != null && bundle.getFileName() != null && bundle.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".utm");
        ImportedVmBuilder vm = new ImportedVmBuilder(inBundle ? bundle : file, "UTM configuration version " + v);
        if (v >= 3) readV4(cfg, bundle, vm);
        else readV2(cfg, bundle, vm);
        return ImportPlan.of(file, formatName() + " v" + v, vm.build());
    }

    private static Map<?, ?> dict(Object o) { return o instanceof Map<?, ?> m ? m : Map.of(); }

    private static List<?> list(Object o) { return o instanceof List<?> l ? l : o instanceof Map<?, ?> m ? List.of(m) : List.of(); }

    private static String str(Object o) { return o instanceof String s ? s : o == null ? null : String.valueOf(o); }

    private static long num(Object o, long fallback) { return o instanceof Long l ? l : fallback; }

    private static boolean bool(Object o) { return Boolean.TRUE.equals(o); }

    private void readV4(Map<?, ?> cfg, Path bundle, ImportedVmBuilder vm) {
        Map<?, ?> info = dict(cfg.get("Information"));
        Map<?, ?> system = dict(cfg.get("System"));
        Map<?, ?> qemu = dict(cfg.get("QEMU"));
        if ("Apple".equals(str(cfg.get("Backend")))) vm.info("hypervisor", "an Apple Virtualization.framework VM → QEMU");
        vm.name(str(info.get("Name")));
        vm.notes(str(info.get("Notes")));
        vm.osType(OsMapping.fromText(str(info.get("Name"))));
        common(system, vm, num(system.get("MemorySize"), 0));
        if (bool(qemu.get("UEFIBoot"))) vm.firmware(Firmware.UEFI);
        if (bool(qemu.get("TPMDevice"))) vm.tpm(true);
        List<?> extra = list(qemu.get("AdditionalArguments"));
        additional(extra, vm);
        for (Object d : list(cfg.get("Drive"))) {
            Map<?, ?> drive = dict(d);
            drive(vm, bundle.resolve("Data"), str(drive.get("ImageName")), str(drive.get("ImageType")), str(drive.get("Interface")),
                    bool(drive.get("ReadOnly")));
        }
        for (Object d : list(cfg.get("Display"))) {
            String hw = str(dict(d).get("Hardware"));
            vm.display(hw, hw != null && hw.endsWith("-gl") || hw != null && hw.contains("-gl-"));
            break;
        }
        for (Object n : list(cfg.get("Network"))) {
            Map<?, ?> net = dict(n);
            vm.addNic(str(net.get("Hardware")), str(net.get("MacAddress")), str(net.get("Mode")));
            if (vm.nicCount() == 1) {
                for (Object f : list(net.get("PortForward"))) forward(dict(f), vm);
            }
        }
        for (Object s : list(cfg.get("Sound"))) {
            vm.sound(str(dict(s).get("Hardware")));
            break;
        }
        for (Object s : list(cfg.get("Serial"))) if (s != null) vm.serialPort();
        Map<?, ?> input = dict(cfg.get("Input"));
        String usb = str(input.get("UsbBusSupport"));
        if (usb != null && !usb.equalsIgnoreCase("Disabled")) vm.usb(usb.startsWith("3") ? "xhci" : "ehci");
        Map<?, ?> sharing = dict(cfg.get("Sharing"));
        String share = str(sharing.get("DirectoryShareMode"));
        if (share != null && !share.equalsIgnoreCase("None")) vm.dropped("filesystem", "shared directory (" + share + ") dropped");
    }

    private void readV2(Map<?, ?> cfg, Path bundle, ImportedVmBuilder vm) {
        Map<?, ?> info = dict(cfg.get("Info"));
        Map<?, ?> system = dict(cfg.get("System"));
        vm.name(str(info.get("Name")));
        vm.notes(str(info.get("Notes")));
        vm.osType(OsMapping.fromText(str(info.get("Name")) + " " + str(info.get("Notes"))));
        common(system, vm, num(system.get("Memory"), 0));
        if (bool(system.get("BootUefi"))) vm.firmware(Firmware.UEFI);
        additional(list(system.get("AddArgs")), vm);
        for (Object d : list(cfg.get("Drives"))) {
            Map<?, ?> drive = dict(d);
            drive(vm, bundle.resolve("Images"), str(drive.get("ImagePath")), str(drive.get("ImageType")), str(drive.get("InterfaceType")), false);
        }
        Map<?, ?> display = dict(cfg.get("Display"));
        if (bool(display.get("ConsoleOnly"))) vm.display("none", false);
        else {
            String card = str(display.get("DisplayCard"));
            vm.display(card, card != null && card.contains("-gl"));
        }
        Map<?, ?> net = dict(cfg.get("Networking"));
        String mode = str(net.get("NetworkMode"));
        if (mode != null && !mode.equalsIgnoreCase("none") && (net.get("NetworkEnabled") == null || bool(net.get("NetworkEnabled")))) {
            vm.addNic(str(net.get("NetworkCard")), str(net.get("NetworkCardMAC")), mode);
        }
        Map<?, ?> sound = dict(cfg.get("Sound"));
        if (bool(sound.get("SoundEnabled"))) vm.sound(str(sound.get("SoundCard")));
    }

    private static void common(Map<?, ?> system, ImportedVmBuilder vm, long memory) {
        String arch = str(system.get("Architecture"));
        if (arch != null) {
            vm.architecture(arch.equals("i386") ? "i686" : arch);
            if (!arch.equals("x86_64") && !arch.equals("i386")) {
                vm.info("architecture", "guest architecture " + arch + " needs qemu-system-" + arch + " and is emulated");
            }
        }
        String target = str(system.get("Target"));
        if (target != null) vm.machineType(target.equals("pc") || target.startsWith("pc-i440fx") ? "pc" : target.startsWith("pc-q35") ? "q35"
                : target.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-"));
        long cpus = num(system.get("CPUCount"), 0);
        if (cpus > 0) vm.cpus((int) cpus);
        vm.memoryMiB(memory);
        String cpu = str(system.get("CPU"));
        if (cpu != null && !cpu.isBlank() && !cpu.equalsIgnoreCase("default")) vm.info("cpu", "CPU model '" + cpu + "' → VMStation's default CPU model");
        // v2 "CPUFlags", v4 "CPUFlagsAdd"/"CPUFlagsRemove": tweaks of that model, gone with it
        List<String> flags = new java.util.ArrayList<>();
        for (String key : List.of("CPUFlags", "CPUFlagsAdd")) {
            if (system.get(key) instanceof List<?> l) l.stream().map(UtmImporter::str).filter(f -> f != null && !f.isBlank()).forEach(f -> flags.add("+" + f));
        }
        if (system.get("CPUFlagsRemove") instanceof List<?> l) l.stream().map(UtmImporter::str).filter(f -> f != null && !f.isBlank()).forEach(f -> flags.add("-" + f));
        if (!flags.isEmpty()) vm.dropped("cpu", "CPU flags " + String.join(" ", flags) + " dropped with the CPU model");
    }

    private static void additional(List<?> args, ImportedVmBuilder vm) {
        List<String> real = args.stream().map(UtmImporter::str).filter(s -> s != null && !s.isBlank()).toList();
        if (!real.isEmpty()) vm.dropped("qemu", "extra QEMU arguments dropped: " + String.join(" ", real));
    }

    private static void drive(ImportedVmBuilder vm, Path folder, String image, String type, String iface, boolean readOnly) {
        String t = type == null ? "disk" : type.toLowerCase(Locale.ROOT);
        String i = iface == null ? "" : iface.toLowerCase(Locale.ROOT);
        switch (t) {
            case "disk" -> {
                if (image == null || image.isBlank()) { vm.dropped("disk", "a disk drive without an image dropped"); return; }
                if (i.equals("mtd") || i.equals("pflash")) {
                    vm.dropped("disk", "flash drive '" + image + "' (" + iface + ") dropped: firmware storage, not a disk");
                    return;
                }
                if (i.equals("floppy")) { vm.dropped("floppy", "floppy image '" + image + "' dropped"); return; }
                if (i.equals("sd")) vm.changed("disk", "SD card '" + image + "' → virtio disk");
                vm.addDisk(folder.resolve(image), null, -1, bus(i), readOnly);
            }
            case "cd" -> vm.addCdrom(image == null || image.isBlank() ? null : folder.resolve(image).toString(),
                    bus(i) == DiskBus.IDE || bus(i) == DiskBus.USB ? bus(i) : DiskBus.SATA);
            case "bios" -> vm.dropped("firmware", "custom firmware image '" + image + "' dropped: VMStation boots with its own SeaBIOS/OVMF");
            case "kernel", "initrd", "dtb" -> vm.dropped("boot", t + " image '" + image + "' for direct boot dropped");
            default -> {
                if (image != null && image.toLowerCase(Locale.ROOT).contains("efi_vars")) vm.nvramFile(image);
                else vm.dropped("disk", "drive '" + image + "' of type '" + type + "' dropped");
            }
        }
    }

    private static DiskBus bus(String i) {
        return switch (i) {
            case "ide" -> DiskBus.IDE;
            case "scsi" -> DiskBus.SCSI;
            case "nvme" -> DiskBus.NVME;
            case "usb" -> DiskBus.USB;
            case "virtio", "sd" -> DiskBus.VIRTIO;
            default -> DiskBus.SATA;
        };
    }

    private static void forward(Map<?, ?> f, ImportedVmBuilder vm) {
        long host = num(f.get("HostPort"), -1);
        long guest = num(f.get("GuestPort"), -1);
        if (host > 0 && host < 65536 && guest > 0 && guest < 65536) {
            PortForward.Protocol p = "udp".equalsIgnoreCase(str(f.get("Protocol"))) ? PortForward.Protocol.UDP : PortForward.Protocol.TCP;
            vm.forward(new PortForward(p, str(f.get("HostAddress")), (int) host, (int) guest));
        } else {
            vm.dropped("network", "port forward " + host + " → " + guest + " has unusable ports");
        }
    }

}
