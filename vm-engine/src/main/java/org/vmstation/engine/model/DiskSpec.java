package org.vmstation.engine.model;

import java.util.Objects;

/**
 * One hard disk of a VM.
 *
 * @param path     absolute path of the image file (relative paths are resolved against the VM's folder)
 * @param format   the image format
 * @param bus      how the guest sees it
 * @param readOnly whether the guest may write it
 */
public record DiskSpec(String path, DiskFormat format, DiskBus bus, boolean readOnly) {
    public DiskSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(bus, "bus");
    }

    public static DiskSpec qcow2(String path) { return new DiskSpec(path, DiskFormat.QCOW2, DiskBus.VIRTIO, false); }
}
