package org.vmstation.engine.importer.quickemu;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.OsMapping;
import org.vmstation.engine.importer.VmImporter;
import org.vmstation.engine.importer.support.LimitedFiles;
import org.vmstation.engine.importer.support.TextDecoding;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.PortForward;

/**
 * Quickemu VM files (.conf written by quickget): shell variable assignments, quoted or not, with bash arrays
 * for port forwards. The file is never run; lines that are not plain assignments are reported.
 */
public final class QuickemuImporter implements VmImporter {
    private static final Pattern ASSIGN = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
    private static final Pattern ARRAY_ITEM = Pattern.compile("\"([^\"]*)\"|'([^']*)'|([^\\s()]+)");

    @Override public String formatName() { return "Quickemu .conf"; }

    @Override
    public boolean canRead(Path file) {
        String head = new String(LimitedFiles.head(file, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("guest_os=") || (head.startsWith("#!") && head.lines().findFirst().orElse("").contains("quickemu"));
    }

    @Override
    public ImportPlan read(Path file) throws ImportException {
        byte[] bytes = LimitedFiles.read(file, 256 * 1024);
        if (TextDecoding.looksBinary(bytes)) throw new ImportException(file, "contains NUL bytes; a Quickemu .conf is text");
        Map<String, Object> vars = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        String[] lines = TextDecoding.decode(bytes).split("\r\n|\n|\r");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            Matcher m = ASSIGN.matcher(l);
            if (!m.matches()) {
                skipped.add("line " + (i + 1) + ": " + l);
                continue;
            }
            String raw = m.group(2).strip();
            if (raw.startsWith("(")) {
                List<String> items = new ArrayList<>();
                Matcher a = ARRAY_ITEM.matcher(raw.substring(1, raw.endsWith(")") ? raw.length() - 1 : raw.length()));
                while (a.find()) items.add(a.group(1) != null ? a.group(1) : a.group(2) != null ? a.group(2) : a.group(3));
                vars.put(m.group(1), items);
            } else {
                vars.put(m.group(1), unquote(raw));
            }
        }
        if (!vars.containsKey("guest_os")) throw new ImportException(file, "has no guest_os=...; not a Quickemu VM file");
        ImportedVmBuilder vm = new ImportedVmBuilder(file, "Quickemu .conf");
        if (!skipped.isEmpty()) vm.dropped("config", "lines that are not variable assignments were not run: " + String.join("; ", skipped));
        String stem = file.getFileName().toString().replaceFirst("(?i)\\.conf$", "");
        vm.name(stem);
        String guest = str(vars, "guest_os").toLowerCase(Locale.ROOT);
        Path dir = file.toAbsolutePath().normalize().getParent();
        String iso = str(vars, "iso");
        String os = switch (guest) {
            case "windows", "windows-server" -> {
                String t = OsMapping.fromText(stem + " " + iso);
                yield t.startsWith("windows") ? t : "windows10";
            }
            case "macos" -> "other";
            case "freebsd" -> "freebsd";
            default -> {
                String t = OsMapping.fromText(stem + " " + iso);
                yield t.equals("other") ? "linux" : t;
            }
        };
        vm.osType(os).sourceOsId(guest);
        if (guest.equals("macos")) {
            vm.info("os", "macOS guest (" + str(vars, "macos_release") + "): it needs Quickemu's OpenCore setup, which is not imported");
        }
        long ram = size(str(vars, "ram"));
        vm.memoryMiB(ram > 0 ? ram / (1024 * 1024) : guest.startsWith("windows") ? 4096 : 2048);
        if (ram <= 0) vm.info("memory", "no ram= setting: Quickemu sizes memory from the host; " + (guest.startsWith("windows") ? 4096 : 2048) + " MiB used");
        long cores = parseLong(str(vars, "cpu_cores"));
        vm.cpus(cores > 0 ? (int) cores : 2);
        if (cores <= 0) vm.info("cpu", "no cpu_cores= setting: Quickemu sizes CPUs from the host; 2 CPUs used");
        // Devices as the quickemu script picks them (configure_os_quirks, configure_bios, vm_boot), with its defaults
        // boot="efi", secureboot="off", tpm="off", usb_controller="ehci", sound_card="intel-hda".
        boolean windows = guest.startsWith("windows");
        boolean macos = guest.equals("macos");
        String release = str(vars, "macos_release").toLowerCase(Locale.ROOT);
        boolean modernMac = macos && List.of("big-sur", "monterey", "ventura", "sonoma", "sequoia").contains(release);
        String boot = str(vars, "boot");
        if (macos || !boot.equalsIgnoreCase("legacy")) vm.firmware(Firmware.UEFI);
        if (on(str(vars, "secureboot")) && vm.firmware() == Firmware.UEFI) vm.secureBoot(true);
        if (on(str(vars, "tpm"))) vm.tpm(true);
        String disk = str(vars, "disk_img");
        DiskBus systemBus = switch (guest) {
            case "windows-server", "kolibrios" -> DiskBus.SATA;
            case "reactos" -> DiskBus.IDE;
            case "macos" -> modernMac || release.equals("catalina") ? DiskBus.VIRTIO : DiskBus.SATA;
            default -> DiskBus.VIRTIO;
        };
        if (!disk.isEmpty()) vm.addDisk(dir.resolve(disk), DiskFormat.QCOW2, size(str(vars, "disk_size")), systemBus, false);
        String img = str(vars, "img");
        if (!img.isEmpty()) vm.addDisk(dir.resolve(img), DiskFormat.RAW, -1, macos ? DiskBus.SATA : DiskBus.VIRTIO, false);
        if (!iso.isEmpty()) vm.addCdrom(dir.resolve(iso).toString(), DiskBus.SATA);
        String fixed = str(vars, "fixed_iso");
        if (!fixed.isEmpty()) vm.addCdrom(dir.resolve(fixed).toString(), DiskBus.SATA);
        if (!str(vars, "floppy").isEmpty()) vm.dropped("floppy", "floppy image '" + str(vars, "floppy") + "' dropped: VMStation machines have no floppy controller");
        if (!"none".equalsIgnoreCase(str(vars, "network"))) {
            String nic = switch (guest) {
                case "windows-server", "reactos" -> "e1000";
                case "batocera", "freedos", "haiku", "kolibrios" -> "rtl8139";
                case "macos" -> modernMac ? "virtio" : "vmxnet3";
                default -> windows || guest.startsWith("linux") || guest.endsWith("bsd") ? "virtio" : "rtl8139";
            };
            String network = str(vars, "network");
            vm.addNic(nic, str(vars, "macaddr").isEmpty() ? null : str(vars, "macaddr"),
                    network.isEmpty() || network.equals("restrict") ? "nat" : "bridge:" + network);
            vm.info("network", "Quickemu also forwards a free host port (22220-22229) to the guest's ssh port at each start; not imported");
        }
        for (Object o : vars.get("port_forwards") instanceof List<?> l ? l : List.of()) {
            String[] p = String.valueOf(o).split(":");
            try {
                int host = Integer.parseInt(p[0]);
                int guestPort = Integer.parseInt(p[p.length - 1]);
                // quickemu forwards every port for both TCP and UDP
                vm.forward(new PortForward(PortForward.Protocol.TCP, null, host, guestPort));
                vm.forward(new PortForward(PortForward.Protocol.UDP, null, host, guestPort));
            } catch (NumberFormatException e) {
                vm.dropped("network", "port forward '" + o + "' is not HOST:GUEST");
            }
        }
        String sound = str(vars, "sound_card");
        if (sound.isEmpty()) sound = modernMac ? "usb-audio" : guest.equals("freedos") ? "sb16" : guest.endsWith("solaris") ? "ac97" : "intel-hda";
        if (!sound.equalsIgnoreCase("none")) vm.sound(sound);
        if (!str(vars, "public_dir").isEmpty()) vm.dropped("filesystem", "shared folder '" + str(vars, "public_dir") + "' (public_dir) dropped");
        String usb = str(vars, "usb_controller");
        if (usb.isEmpty()) usb = modernMac || guest.endsWith("solaris") ? "xhci" : "ehci";
        if (!usb.equalsIgnoreCase("none")) vm.usb(usb);
        if (macos) vm.display("vga", false);
        return ImportPlan.of(file, formatName(), vm.build());
    }

    private static String unquote(String raw) {
        if (raw.length() >= 2 && (raw.startsWith("\"") && raw.endsWith("\"") || raw.startsWith("'") && raw.endsWith("'"))) {
            return raw.substring(1, raw.length() - 1);
        }
        int hash = raw.indexOf(" #");
        return hash >= 0 ? raw.substring(0, hash).strip() : raw;
    }

    private static String str(Map<String, Object> vars, String key) {
        Object v = vars.get(key);
        return v instanceof String s ? s : "";
    }

    private static boolean on(String v) { return v.equalsIgnoreCase("on") || v.equalsIgnoreCase("true") || v.equals("1"); }

    private static long parseLong(String s) {
        try { return Long.parseLong(s.strip()); } catch (NumberFormatException e) { return -1; }
    }

    /** "128G", "8G", "512M", "2048" (MiB when unitless, as Quickemu reads ram). */
    static long size(String s) {
        Matcher m = Pattern.compile("^(\\d+)\\s*([KMGT]?)i?B?$", Pattern.CASE_INSENSITIVE).matcher(s.strip());
        if (!m.matches()) return -1;
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> n * 1024;
            case "G" -> n * 1024L * 1024 * 1024;
            case "T" -> n * 1024L * 1024 * 1024 * 1024;
            default -> n * 1024L * 1024;
        };
    }
}
