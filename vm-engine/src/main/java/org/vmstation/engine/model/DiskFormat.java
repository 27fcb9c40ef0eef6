package org.vmstation.engine.model;

import java.util.Locale;

/** On-disk image formats QEMU can open; the name is QEMU's {@code format=} value. */
public enum DiskFormat {
    QCOW2, RAW, VMDK, VDI, VHDX, VPC;

    public String qemuName() { return name().toLowerCase(Locale.ROOT); }

    public static DiskFormat fromQemuName(String name) {
        for (DiskFormat f : values()) if (f.qemuName().equalsIgnoreCase(name)) return f;
        throw new IllegalArgumentException("unknown disk format '" + name + "' (expected one of qcow2, raw, vmdk, vdi, vhdx, vpc)");
    }
}
