package org.vmstation.engine.importer;

import java.util.Locale;
import org.vmstation.engine.model.DisplaySpec;

/** Maps other hypervisors' device names to the closest QEMU device, with the reason when it changes. */
public final class DeviceMapping {
    private DeviceMapping() {}

    /** A mapped device: the QEMU name and, when the device changed, a note saying why (else null). */
    public record Mapped(String qemu, String note) {}

    public static Mapped nic(String source) {
        String s = source == null ? "" : source.toLowerCase(Locale.ROOT).strip();
        return switch (s) {
            case "", "default" -> new Mapped("virtio-net-pci", null);
            case "e1000", "e1000-82545em", "82545em", "82540em", "82543gc", "i82540em", "i82543gc", "i82545em" -> new Mapped("e1000", null);
            case "e1000e" -> new Mapped("e1000e", null);
            case "virtio", "virtio-net", "virtio-net-pci", "virtionet", "netio", "pv" -> new Mapped("virtio-net-pci", null);
            case "rtl8139", "rtl-8139", "realtek" -> new Mapped("rtl8139", null);
            case "pcnet", "pcnet32", "am79c970a", "am79c973", "am79c960", "vlance", "flexible" -> new Mapped("pcnet", null);
            case "ne2k_pci", "ne2k" -> new Mapped("ne2k_pci", null);
            case "sungem" -> new Mapped("sungem", null);
            case "usb-net" -> new Mapped("usb-net", null);
            case "vmxnet3", "vmxnet", "vmxnet2", "vmxnet3_vmw" -> new Mapped("virtio-net-pci",
                    source + " → virtio-net-pci: QEMU's vmxnet3 emulation is limited, virtio-net is its paravirtual NIC (the guest needs virtio drivers)");
            case "ioemu" -> new Mapped("e1000", "'" + source + "' → e1000: Xen's emulated NIC default is an Intel e1000 in QEMU");
            default -> new Mapped("e1000", "'" + source + "' → e1000: no such NIC in QEMU, e1000 is understood by most guests");
        };
    }


    /** Sound card names → QEMU audio device; null qemu means the device is dropped. */
    public static Mapped sound(String source) {
        String s = source == null ? "" : source.toLowerCase(Locale.ROOT).strip();
        return switch (s) {
            case "", "none", "null" -> new Mapped(null, null);
            case "hdaudio", "hda", "ich6", "ich9", "intel-hda", "ich9-intel-hda", "hdaaudio" -> new Mapped("intel-hda", null);
            case "ac97", "ich7" -> new Mapped("AC97", null);
            case "es1371", "ensoniq1371", "es1370", "ensoniq" -> new Mapped("ES1370", source + " → ES1370: the closest Ensoniq card QEMU has");
            case "sb16", "sb16pci", "soundblaster" -> new Mapped("sb16", null);
            case "virtio" -> new Mapped("intel-hda", "virtio sound → intel-hda: VMStation uses the HD Audio device");
            default -> new Mapped("intel-hda", "sound card '" + source + "' → intel-hda: no such card in QEMU");
        };
    }

    /** USB controller names → QEMU controller. */
    public static Mapped usb(String source) {
        String s = source == null ? "" : source.toLowerCase(Locale.ROOT).strip();
        if (s.equals("qemu-xhci")) return new Mapped("qemu-xhci", null);
        if (s.contains("xhci") || s.contains("usb3") || s.equals("3") || s.equals("qusb")) {
            return new Mapped("qemu-xhci", "USB controller '" + source + "' kept as qemu-xhci");
        }
        if (s.contains("ehci") || s.equals("usb2") || s.equals("2")) return new Mapped("usb-ehci", "USB controller '" + source + "' kept as usb-ehci");
        return new Mapped("qemu-xhci", "USB controller '" + source + "' → qemu-xhci: QEMU's USB 3 controller serves USB 1 and 2 devices too");
    }

    /** Display adapters → our adapters; the note says what changed. */
    public static DisplayMapped display(String source) {
        String s = source == null ? "" : source.toLowerCase(Locale.ROOT).strip();
        return switch (s) {
            case "", "default" -> new DisplayMapped(DisplaySpec.Adapter.VIRTIO_VGA, null);
            case "virtio", "virtio-vga", "virtio-gpu", "virtio-vga-gl", "virtio-gpu-gl-pci", "virtio-gpu-pci" ->
                    new DisplayMapped(DisplaySpec.Adapter.VIRTIO_VGA, null);
            case "qxl", "qxl-vga" -> new DisplayMapped(DisplaySpec.Adapter.QXL, null);
            case "vga", "std", "stdvga", "bochs", "bochs-display" -> new DisplayMapped(DisplaySpec.Adapter.STD_VGA, null);
            case "cirrus", "cirrus-vga" -> new DisplayMapped(DisplaySpec.Adapter.CIRRUS, null);
            case "none" -> new DisplayMapped(DisplaySpec.Adapter.NONE, null);
            default -> new DisplayMapped(DisplaySpec.Adapter.VIRTIO_VGA,
                    "display adapter '" + source + "' → virtio-vga: the closest adapter QEMU offers");
        };
    }

    public record DisplayMapped(DisplaySpec.Adapter adapter, String note) {}
}
