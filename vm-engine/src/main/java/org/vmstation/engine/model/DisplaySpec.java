package org.vmstation.engine.model;

import java.util.Objects;

/** The display adapter and the 3-D choice (Off, Auto, On). */
public record DisplaySpec(Adapter adapter, Acceleration3d acceleration3d) {
    public enum Adapter {
        VIRTIO_VGA("virtio-vga"), STD_VGA("VGA"), QXL("qxl-vga"), CIRRUS("cirrus-vga"), NONE(null);

        private final String qemuDevice;

        Adapter(String qemuDevice) { this.qemuDevice = qemuDevice; }

        /** The QEMU device name, or null for a VM without a display. */
        public String qemuDevice() { return qemuDevice; }
    }

    public enum Acceleration3d { OFF, AUTO, ON }

    public DisplaySpec {
        Objects.requireNonNull(adapter, "adapter");
        acceleration3d = acceleration3d == null ? Acceleration3d.OFF : acceleration3d;
    }

    public static DisplaySpec standard() { return new DisplaySpec(Adapter.VIRTIO_VGA, Acceleration3d.OFF); }
}
