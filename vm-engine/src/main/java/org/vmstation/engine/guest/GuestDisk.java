package org.vmstation.engine.guest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The demo/test guest as a BIOS-bootable raw disk image (made by {@link GuestDiskBuilder}): boots under SeaBIOS on any
 * bus SeaBIOS can boot (IDE, SATA, SCSI, virtio, NVMe) to {@link GuestImageLocator#READY_MARKER}, with no direct
 * kernel boot. Treat the cached file as read-only: convert or copy it before a VM writes to it.
 *
 * @param image     the raw image ({@code guest-disk.img})
 * @param sizeBytes its size, which is also its virtual disk size
 */
public record GuestDisk(Path image, long sizeBytes) {
    public GuestDisk {
        Objects.requireNonNull(image, "image");
        if (sizeBytes <= 0) throw new IllegalArgumentException("guest disk " + image + " has size " + sizeBytes + "; expected > 0");
    }
}
