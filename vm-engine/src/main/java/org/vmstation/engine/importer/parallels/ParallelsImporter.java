package org.vmstation.engine.importer.parallels;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.OsMapping;
import org.vmstation.engine.importer.VmImporter;
import org.vmstation.engine.importer.support.Dom;
import org.vmstation.engine.importer.support.LimitedFiles;
import org.vmstation.engine.importer.support.SafeXml;
import org.vmstation.engine.importer.support.TextDecoding;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.w3c.dom.Element;

/**
 * Parallels Desktop / Virtuozzo VM configurations: the XML config.pvs of a .pvm bundle (root
 * ParallelsVirtualMachine or VirtuozzoVirtualMachine) and the INI-style .pvs of Parallels Desktop 2 and 3.
 */
public final class ParallelsImporter implements VmImporter {
    @Override public String formatName() { return "Parallels .pvs"; }

    @Override
    public boolean canRead(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".pvs")) return true;
        String head = new String(LimitedFiles.head(file, 512), StandardCharsets.ISO_8859_1);
        return head.contains("<ParallelsVirtualMachine") || head.contains("<VirtuozzoVirtualMachine");
    }

    @Override
    public ImportPlan read(Path file) throws ImportException {
        byte[] bytes = LimitedFiles.read(file);
        if (TextDecoding.looksBinary(bytes)) {
            throw new ImportException(file, "contains NUL bytes: it is not a Parallels configuration (expected XML starting with "
                    + "<ParallelsVirtualMachine> or an INI file starting with [System])");
        }
        String text = TextDecoding.decode(bytes);
        Path dir = file.toAbsolutePath().normalize().getParent();
        if (text.stripLeading().startsWith("<")) return readXml(file, dir, bytes);
        if (text.stripLeading().startsWith("[System]")) return readIni(file, dir, text);
        String first = text.strip().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        throw new ImportException(file, "is neither XML (<ParallelsVirtualMachine>) nor a Parallels 3 INI file ([System] first); found '"
                + (first.length() > 40 ? first.substring(0, 40) + "..." : first) + "'");
    }

    private ImportPlan readXml(Path file, Path dir, byte[] bytes) throws ImportException {
        Element root = SafeXml.parse(file, bytes).getDocumentElement();
        String rootName = Dom.localName(root);
        if (!rootName.equals("ParallelsVirtualMachine") && !rootName.equals("VirtuozzoVirtualMachine")) {
            throw new ImportException(file, "root element is <" + rootName + ">; expected <ParallelsVirtualMachine>");
        }
        String app = Dom.attr(root, "appVersion", Dom.childText(root, "AppVersion"));
        ImportedVmBuilder vm = new ImportedVmBuilder(file, "Parallels config.pvs (XML, app version " + app + ")");
        vm.name(Dom.text(Dom.path(root, "Identification", "VmName")));
        Element general = Dom.path(root, "Settings", "General");
        long osType = num(Dom.childText(general, "OsType"), -1);
        long osNumber = num(Dom.childText(general, "OsNumber"), -1);
        vm.osType(os(osType, osNumber, vm.name())).sourceOsId("Parallels OsType " + osType + (osNumber >= 0 ? "/" + osNumber : ""));
        String desc = Dom.childText(general, "VmDescription");
        if (desc != null) vm.notes(desc);
        Element hw = Dom.child(root, "Hardware");
        if (hw == null) throw new ImportException(file, "has no <Hardware> element; expected CPU, memory and devices there");
        vm.cpus((int) num(Dom.text(Dom.path(hw, "Cpu", "Number")), 1));
        vm.memoryMiB(num(Dom.text(Dom.path(hw, "Memory", "RAM")), 0));
        for (Element c : Dom.children(hw)) {
            String kind = Dom.localName(c);
            boolean enabled = !"0".equals(Dom.childText(c, "Enabled"));
            String sys = Dom.childText(c, "SystemName");
            switch (kind) {
                case "Hdd" -> {
                    if (!enabled) { vm.dropped("disk", "disabled hard disk '" + sys + "' dropped"); continue; }
                    if (sys == null || sys.isBlank()) { vm.dropped("disk", "hard disk without an image dropped"); continue; }
                    long sizeMiB = num(Dom.childText(c, "Size"), -1);
                    vm.addDisk(resolve(dir, sys), DiskFormat.RAW, sizeMiB > 0 ? sizeMiB * 1024 * 1024 : -1, bus(Dom.childText(c, "InterfaceType")), false);
                    vm.info("disk", "'" + sys + "' is a Parallels .hdd; qemu-img reads it with its 'parallels' driver");
                }
                case "CdRom" -> {
                    if (!enabled) continue;
                    boolean image = "1".equals(Dom.childText(c, "EmulatedType"));
                    DiskBus b = bus(Dom.childText(c, "InterfaceType"));
                    vm.addCdrom(image && sys != null && !sys.isBlank() ? resolve(dir, sys).toString() : null, b == DiskBus.SCSI || b == DiskBus.VIRTIO ? DiskBus.SATA : b);
                }
                case "NetworkAdapter" -> {
                    if (!enabled) continue;
                    String type = Dom.childText(c, "AdapterType");
                    vm.addNic(nicModel(type), Dom.childText(c, "MAC"), Dom.childText(c, "BoundAdapterName"));
                }
                case "Serial" -> { if (enabled) vm.serialPort(); }
                case "Fdd" -> { if (enabled) vm.dropped("floppy", "floppy drive dropped: VMStation machines have no floppy controller"); }
                case "Parallel" -> { if (enabled) vm.dropped("parallel", "parallel port dropped: not supported"); }
                case "Sound" -> { if (enabled) vm.sound("hda"); }
                case "UsbController", "Usb" -> { if (enabled) vm.usb("xhci"); }
                default -> { }
            }
        }
        return ImportPlan.of(file, formatName(), vm.build());
    }

    private ImportPlan readIni(Path file, Path dir, String text) throws ImportException {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String[] lines = text.split("\r\n|\n|\r");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith(";") || l.startsWith("#")) continue;
            if (l.startsWith("[") && l.endsWith("]")) {
                current = new LinkedHashMap<>();
                sections.put(l.substring(1, l.length() - 1).strip(), current);
                continue;
            }
            int eq = l.indexOf('=');
            if (eq < 0 || current == null) throw new ImportException(file, "line " + (i + 1) + " is neither '[Section]' nor 'Key = value': '" + l + "'");
            current.put(l.substring(0, eq).strip().toLowerCase(Locale.ROOT), l.substring(eq + 1).strip());
        }
        Map<String, String> sys = sections.getOrDefault("System", Map.of());
        ImportedVmBuilder vm = new ImportedVmBuilder(file, "Parallels Desktop .pvs (INI, app version " + sys.getOrDefault("app version", "?") + ")");
        String name = sys.get("parallels vm name");
        vm.name(name);
        // PD 2/3 INI files pack the type in the high nibble and the version in the low one: 135 = 0x87 = Windows (8), XP (7)
        long iniOs = num(sys.get("os type"), -1);
        vm.osType(iniOs > 0 ? os(iniOs >> 4, ((iniOs >> 4) << 8) | (iniOs & 0xF), name) : OsMapping.fromText(name))
                .sourceOsId("Parallels OS Type " + sys.getOrDefault("os type", "?"));
        vm.memoryMiB(num(sys.get("memory"), 0));
        vm.cpus((int) num(sys.get("cpu count"), 1));
        vm.notes(sys.getOrDefault("vm description", ""));
        Map<String, String> ide = sections.getOrDefault("IDE devices", Map.of());
        for (int ch = 0; ch < 2; ch++) {
            for (int unit = 0; unit < 2; unit++) {
                String p = "disk " + ch + ":" + unit;
                if (!"1".equals(ide.get(p + " enabled"))) continue;
                String image = ide.getOrDefault(p + " image", "");
                String kind = ide.getOrDefault(p, "0");
                boolean cd = kind.equals("2") || image.toLowerCase(Locale.ROOT).endsWith(".iso") || image.startsWith("Default CD");
                if (cd) {
                    vm.addCdrom(image.isBlank() || image.startsWith("Default") ? null : resolve(dir, image).toString(), DiskBus.IDE);
                    if (image.startsWith("Default")) vm.changed("cdrom", "CD-ROM " + ch + ":" + unit + " used the host drive ('" + image + "'); imported as an empty drive");
                } else if (!image.isBlank()) {
                    vm.addDisk(resolve(dir, image), DiskFormat.RAW, -1, DiskBus.IDE, false);
                    vm.info("disk", "'" + image + "' is a Parallels .hdd; qemu-img reads it with its 'parallels' driver");
                }
            }
        }
        Map<String, String> fl = sections.getOrDefault("Floppy disks", Map.of());
        if ("1".equals(fl.get("floppy 0 enabled"))) vm.dropped("floppy", "floppy drive ('" + fl.getOrDefault("floppy 0 image", "") + "') dropped: VMStation machines have no floppy controller");
        Map<String, String> net = sections.getOrDefault("Network", Map.of());
        if ("1".equals(net.get("network enabled"))) vm.addNic("e1000", net.get("mac address"), net.getOrDefault("adapter name", ""));
        for (int n = 2; n <= 5; n++) {
            if ("1".equals(net.get("network" + n + " enabled"))) vm.addNic("e1000", net.get("network" + n + " mac address"), "");
        }
        Map<String, String> serial = sections.getOrDefault("Serial ports", Map.of());
        for (int n = 1; n <= 4; n++) if ("1".equals(serial.get("com" + n + " enabled"))) vm.serialPort();
        Map<String, String> par = sections.getOrDefault("Parallel ports", Map.of());
        for (int n = 1; n <= 3; n++) {
            if ("1".equals(par.get("lpt" + n + " enabled"))) vm.dropped("parallel", "parallel port LPT" + n + " ('" + par.getOrDefault("lpt" + n + " image", "") + "') dropped: not supported");
        }
        if ("1".equals(sections.getOrDefault("Sound", Map.of()).get("sound enabled"))) vm.sound("ac97");
        if ("1".equals(sections.getOrDefault("Usb", Map.of()).get("usb enabled"))) vm.usb("usb");
        if (!sections.getOrDefault("Shared folders", Map.of()).isEmpty() && "1".equals(sections.get("Shared folders").get("shared folders enabled"))) {
            vm.dropped("filesystem", "Parallels shared folders dropped");
        }
        return ImportPlan.of(file, formatName(), vm.build());
    }

    private static String os(long type, long number, String name) {
        String byName = OsMapping.fromText(name);
        if (!byName.equals("other")) return byName;
        return switch ((int) type) {
            // PVS_GUEST_VER_WIN_*: 3.11, 95, 98, ME, NT, 2000, XP, 2003, Vista, 2008, 7, 8, 2012, 8.1, 10, 2016 from 0x801 on
            // (the SDK's order; the corpus' OsNumber 2055 = 0x807 sits on a Winxp.hdd)
            case 8 -> switch ((int) number) {
                case 0x801, 0x802, 0x803, 0x804, 0x805, 0x806, 0x807, 0x808 -> "windowsxp";
                case 0x809, 0x80B -> "windows7";
                case 0x80A -> "windows-server-2008";
                case 0x80D -> "windows-server-2012";
                case 0x810 -> "windows-server-2016";
                default -> "windows10";
            };
            case 9 -> "linux";
            case 10 -> "freebsd";
            default -> "other";
        };
    }

    private static DiskBus bus(String interfaceType) {
        return switch (interfaceType == null ? "0" : interfaceType.strip()) {
            case "1" -> DiskBus.SCSI;
            case "2" -> DiskBus.SATA;
            case "3" -> DiskBus.NVME;
            case "4" -> DiskBus.VIRTIO;
            default -> DiskBus.IDE;
        };
    }

    private static String nicModel(String adapterType) {
        return switch (adapterType == null ? "" : adapterType.strip()) {
            case "0" -> "ne2k_pci";
            case "1" -> "rtl8139";
            case "2" -> "e1000";
            case "3" -> "virtio";
            default -> "e1000";
        };
    }

    private static Path resolve(Path dir, String p) {
        Path path = Path.of(p.replace('\\', '/'));
        return path.isAbsolute() ? path : dir.resolve(path).normalize();
    }

    private static long num(String s, long fallback) {
        if (s == null) return fallback;
        try { return Long.parseLong(s.strip()); } catch (NumberFormatException e) { return fallback; }
    }
}
