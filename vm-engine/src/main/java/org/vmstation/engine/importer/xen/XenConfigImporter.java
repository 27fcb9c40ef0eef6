package org.vmstation.engine.importer.xen;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vmstation.engine.importer.DiskProbe;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.OsMapping;
import org.vmstation.engine.importer.VmImporter;
import org.vmstation.engine.importer.support.LimitedFiles;
import org.vmstation.engine.importer.support.TextDecoding;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.KernelBoot;

/** Xen xl (and legacy xm) domain configurations: HVM, PV and PVH; old and new disk syntax; vif lists. */
public final class XenConfigImporter implements VmImporter {
    private static final Set<String> DISK_KEYS = Set.of("format", "vdev", "access", "devtype", "backendtype", "backend", "target",
            "script", "direct-io-safe", "discard", "no-discard", "colo", "trusted", "untrusted", "specification");
    private static final Set<String> XEN_KEYS = Set.of("name", "memory", "vcpus", "disk", "vif", "builder", "kernel", "maxmem",
            "on_poweroff", "on_reboot", "on_crash", "bootloader", "extra", "type", "device_model_version", "vnc", "maxvcpus");

    @Override public String formatName() { return "Xen domain configuration"; }

    @Override
    public boolean canRead(Path file) {
        byte[] head = LimitedFiles.head(file, 16384);
        if (TextDecoding.looksBinary(head)) return false;
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.stripLeading().startsWith("<")) return false;
        int hits = 0;
        for (String line : text.split("\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (eq > 0 && XEN_KEYS.contains(l.substring(0, eq).strip())) hits++;
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return hits >= 2 || (hits >= 1 && (n.endsWith(".cfg") || n.endsWith(".xl") || n.endsWith(".hvm") || n.startsWith("xl") || n.startsWith("xm")));
    }

    @Override
    public ImportPlan read(Path file) throws ImportException {
        byte[] bytes = LimitedFiles.read(file, 1024 * 1024);
        if (TextDecoding.looksBinary(bytes)) throw new ImportException(file, "contains NUL bytes; a Xen configuration is text");
        XlConfig cfg = XlConfig.parse(file, TextDecoding.decode(bytes));
        if (cfg.values().isEmpty()) throw new ImportException(file, "holds no 'key = value' assignments; not a Xen domain configuration");
        String type = guestType(cfg);
        ImportedVmBuilder vm = new ImportedVmBuilder(file, "Xen " + (cfg.skipped().isEmpty() ? "xl" : "xm/xl") + " configuration (" + type + ")");
        if (!cfg.skipped().isEmpty()) {
            vm.dropped("config", cfg.skipped().size() + " statement(s) are Python code, not settings, and were not evaluated: "
                    + String.join("; ", cfg.skipped().subList(0, Math.min(6, cfg.skipped().size())))
                    + (cfg.skipped().size() > 6 ? "; ..." : ""));
        }
        vm.name(cfg.string("name"));
        vm.osType(OsMapping.fromText(cfg.string("name")));
        if (vm.osType().equals("other")) vm.osType("linux".equals(type) ? "linux" : "other");
        vm.memoryMiB(cfg.number("memory", 0));
        long maxmem = cfg.number("maxmem", 0);
        if (maxmem > cfg.number("memory", 0) && cfg.number("memory", 0) > 0) {
            vm.changed("memory", "maxmem " + maxmem + " MiB (ballooning ceiling) dropped; the VM gets its memory of " + cfg.number("memory", 0) + " MiB");
        }
        vm.cpus((int) cfg.number("vcpus", 1));
        if (cfg.number("maxvcpus", 0) > cfg.number("vcpus", 1)) {
            vm.changed("cpu", "maxvcpus " + cfg.number("maxvcpus", 0) + " (hot-plug ceiling) dropped; the VM gets its " + cfg.number("vcpus", 1) + " CPUs");
        }
        boolean arm = cfg.values().containsKey("device_tree") || cfg.values().containsKey("iomem") || cfg.values().containsKey("irqs")
                || "arm".equals(cfg.string("gic_version")) || cfg.values().containsKey("gic_version");
        if (arm) {
            vm.architecture("aarch64").machineType("virt");
            vm.info("architecture", "an Arm guest (device_tree/iomem/irqs present): emulated as aarch64 'virt', which is slow on this host");
        }
        mapBoot(file, cfg, type, vm);
        mapDisks(file, cfg, type, vm);
        mapNics(cfg, type, vm);
        mapDevices(cfg, vm);
        return ImportPlan.of(file, formatName(), vm.build());
    }

    private static String guestType(XlConfig cfg) {
        String type = cfg.string("type");
        if (type != null) return type.toLowerCase(Locale.ROOT);
        if ("hvm".equalsIgnoreCase(cfg.string("builder"))) return "hvm";
        String kernel = cfg.string("kernel");
        if (kernel != null && kernel.contains("hvmloader")) return "hvm";
        return "pv";
    }

    private static void mapBoot(Path file, XlConfig cfg, String type, ImportedVmBuilder vm) {
        String bios = cfg.string("bios");
        if (bios != null && bios.equalsIgnoreCase("ovmf")) vm.firmware(Firmware.UEFI);
        if (!type.equals("hvm")) {
            vm.changed("hypervisor", "Xen " + type.toUpperCase(Locale.ROOT) + " guest → full virtualisation: the guest kernel needs virtio drivers (most Linux kernels have them)");
        }
        String kernel = cfg.string("kernel");
        if (kernel != null && !kernel.contains("hvmloader")) {
            Path k = Path.of(kernel);
            if (Files.isRegularFile(k)) {
                String ramdisk = cfg.string("ramdisk");
                String extra = String.join(" ", nonNull(cfg.string("root") == null ? null : "root=" + cfg.string("root"), cfg.string("extra"), cfg.string("cmdline")));
                vm.kernelBoot(new KernelBoot(kernel, ramdisk, extra.strip()));
            } else {
                vm.dropped("boot", "direct kernel boot from '" + kernel + "' dropped: the kernel lives on the Xen host and is not here; the VM boots from its disk");
            }
        }
        String bootloader = cfg.string("bootloader");
        if (bootloader != null) vm.changed("boot", "boot loader '" + bootloader + "' → the disk's own boot loader (firmware boot)");
        String boot = cfg.string("boot");
        if (boot != null && type.equals("hvm")) {
            List<BootDevice> order = new ArrayList<>();
            for (char ch : boot.toCharArray()) {
                BootDevice d = switch (ch) { case 'c' -> BootDevice.DISK; case 'd' -> BootDevice.CDROM; case 'n' -> BootDevice.NETWORK; default -> null; };
                if (d != null && !order.contains(d)) order.add(d);
            }
            if (!order.isEmpty()) vm.bootOrder(order);
        }
    }

    private static List<String> nonNull(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) if (p != null && !p.isBlank()) out.add(p);
        return out;
    }

    /** One disk spec, in any of the syntaxes xl and xm accept. */
    static Map<String, String> parseDiskSpec(String spec) {
        Map<String, String> kv = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        String rest = spec;
        int t = indexOfKey(spec, "target=");
        if (t >= 0) {
            kv.put("target", spec.substring(t + "target=".length()).strip());
            rest = spec.substring(0, t);
        }
        for (String raw : rest.split(",")) {
            String tok = raw.strip();
            int eq = tok.indexOf('=');
            if (eq > 0 && DISK_KEYS.contains(tok.substring(0, eq).strip())) kv.put(tok.substring(0, eq).strip(), tok.substring(eq + 1).strip());
            else if (!tok.isEmpty() || positional.isEmpty()) positional.add(tok);
        }
        if (!kv.containsKey("target") && !positional.isEmpty()) kv.put("target", positional.getFirst());
        switch (positional.size()) {
            case 2 -> kv.putIfAbsent("vdev", positional.get(1));
            case 3 -> { kv.putIfAbsent("vdev", positional.get(1)); kv.putIfAbsent("access", positional.get(2)); }
            case 4 -> { kv.putIfAbsent("format", positional.get(1)); kv.putIfAbsent("vdev", positional.get(2)); kv.putIfAbsent("access", positional.get(3)); }
            default -> { }
        }
        String vdev = kv.get("vdev");
        if (vdev != null && vdev.contains(":")) {
            kv.put("vdev", vdev.substring(0, vdev.indexOf(':')));
            if (vdev.endsWith(":cdrom")) kv.put("devtype", "cdrom");
        }
        String target = kv.getOrDefault("target", "");
        for (String prefix : List.of("tap:aio:", "tap:qcow2:", "tap:vhd:", "tap2:aio:", "tap:", "phy:", "file:", "aio:", "qcow2:", "qcow:", "raw:", "vhd:")) {
            if (target.startsWith(prefix)) {
                String p = prefix.replace("tap:", "").replace("tap2:", "").replace(":", "");
                if (!p.isEmpty() && !p.equals("phy") && !p.equals("file") && !p.equals("aio")) kv.putIfAbsent("format", p);
                if (prefix.equals("phy:")) kv.putIfAbsent("backendtype", "phy");
                target = target.substring(prefix.length());
                break;
            }
        }
        kv.put("target", target);
        return kv;
    }

    private static int indexOfKey(String spec, String key) {
        int i = spec.indexOf(key);
        while (i > 0 && spec.charAt(i - 1) != ',' && !Character.isWhitespace(spec.charAt(i - 1))) i = spec.indexOf(key, i + 1);
        return i;
    }

    private static void mapDisks(Path file, XlConfig cfg, String type, ImportedVmBuilder vm) {
        for (Object o : cfg.list("disk")) {
            if (!(o instanceof String spec)) {
                vm.dropped("disk", "disk entry " + describe(o) + " is a Python expression; not evaluated");
                continue;
            }
            Map<String, String> d = parseDiskSpec(spec);
            String vdev = d.getOrDefault("vdev", "xvda");
            String target = d.get("target");
            if (d.containsKey("backend")) vm.info("disk", "disk " + vdev + " was served by driver domain '" + d.get("backend") + "'");
            DiskBus bus = vdev.startsWith("hd") ? DiskBus.IDE : vdev.startsWith("sd") ? DiskBus.SCSI : DiskBus.VIRTIO;
            if ("cdrom".equals(d.get("devtype"))) {
                vm.addCdrom(target == null || target.isBlank() ? null : target, bus == DiskBus.IDE ? DiskBus.IDE : DiskBus.SATA);
                continue;
            }
            if (target == null || target.isBlank()) {
                vm.dropped("disk", "disk " + vdev + " has no target");
                continue;
            }
            // 'phy:sda6' names a host device without its /dev/ prefix
            if ("phy".equals(d.get("backendtype")) && !target.startsWith("/")) target = "/dev/" + target;
            if (vdev.startsWith("xvd")) vm.changed("disk", "Xen PV disk " + vdev + " → virtio");
            if ("phy".equals(d.get("backendtype")) || target.startsWith("/dev/")) {
                vm.info("disk", "disk " + vdev + " is the host device '" + target + "'; the import copies its content");
            }
            Path p = Path.of(target);
            if (!p.isAbsolute()) p = file.toAbsolutePath().getParent().resolve(target).normalize();
            DiskFormat declared = DiskProbe.formatFromName(d.get("format"), DiskFormat.RAW);
            vm.addDisk(p, declared, -1, bus, "r".equals(d.get("access")) || "ro".equals(d.get("access")));
        }
    }

    private static String describe(Object o) { return o instanceof XlConfig.Expression e ? "'" + e.source() + "'" : String.valueOf(o); }

    private static void mapNics(XlConfig cfg, String type, ImportedVmBuilder vm) {
        for (Object o : cfg.list("vif")) {
            if (!(o instanceof String spec)) {
                vm.dropped("network", "vif entry " + describe(o) + " is a Python expression; not evaluated");
                continue;
            }
            Map<String, String> kv = new LinkedHashMap<>();
            for (String tok : spec.split(",")) {
                int eq = tok.indexOf('=');
                if (eq > 0) kv.put(tok.substring(0, eq).strip(), tok.substring(eq + 1).strip());
            }
            String model = kv.get("model");
            if (model == null) {
                if (type.equals("hvm") && !"vif".equals(kv.get("type"))) model = "ioemu";
                else {
                    model = "virtio";
                    vm.changed("network", "Xen PV network interface (netfront) → virtio-net-pci");
                }
            }
            String conn = kv.getOrDefault("bridge", kv.getOrDefault("backend", ""));
            vm.addNic(model, kv.get("mac"), conn);
        }
    }

    private static void mapDevices(XlConfig cfg, ImportedVmBuilder vm) {
        String vga = cfg.string("vga");
        boolean stdvga = cfg.number("stdvga", 0) == 1 || "stdvga".equals(vga);
        if (cfg.number("vnc", 0) == 1 || cfg.number("sdl", 0) == 1 || stdvga || vga != null) {
            vm.display(stdvga ? "std" : vga == null ? "cirrus" : vga, false);
        } else {
            vm.display("", false);
        }
        if (cfg.number("opengl", 0) == 1) vm.info("display", "opengl = 1 (SDL OpenGL output) is a host-side setting; not carried over");
        String sound = cfg.string("soundhw");
        if (sound != null && !sound.equals("none")) vm.sound(sound);
        if (cfg.number("usb", 0) == 1 || !cfg.list("usbdevice").isEmpty() || !cfg.list("usbctrl").isEmpty()) {
            String ctrl = "usb";
            for (Object o : cfg.list("usbctrl")) if (o instanceof String s && s.contains("version=3")) ctrl = "xhci";
            vm.usb(ctrl);
        }
        String serial = cfg.string("serial");
        if (serial != null && !serial.equals("none")) vm.serialPort();
        for (Object o : cfg.list("serial")) if (o instanceof String s && !s.equals("none") && serial == null) vm.serialPort();
        if (!cfg.list("pci").isEmpty()) vm.dropped("device", cfg.list("pci").size() + " PCI passthrough device(s) dropped: host hardware is not imported");
        for (String pv : List.of("vtpm", "vgsx", "vdispl", "vkb", "vsnd", "p9", "channel", "vfb", "iomem", "irqs", "dtdev")) {
            if (cfg.values().containsKey(pv)) {
                if (pv.equals("vtpm")) vm.tpm(true).changed("tpm", "Xen vTPM → emulated TPM 2.0 (swtpm); its state is not carried over");
                else if (pv.equals("vfb")) vm.info("display", "Xen PV framebuffer (vfb) → virtio-vga");
                else vm.dropped("device", "Xen '" + pv + "' " + (pv.equals("iomem") || pv.equals("irqs") || pv.equals("dtdev")
                        ? "hardware passthrough" : "paravirtual device") + " dropped: no QEMU equivalent");
            }
        }
        if (cfg.string("seclabel") != null) vm.dropped("security", "XSM security label '" + cfg.string("seclabel") + "' dropped");
    }
}
