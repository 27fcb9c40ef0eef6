package org.vmstation.engine.guest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The built demo/test guest: a kernel and an initramfs for QEMU's direct kernel boot.
 *
 * @param kernel        the bzImage ({@code vmlinuz})
 * @param initrd        the gzip-compressed busybox initramfs ({@code initrd.img})
 * @param recipeVersion the guest recipe version that produced them
 */
public record GuestImage(Path kernel, Path initrd, String recipeVersion) {
    public GuestImage {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(initrd, "initrd");
        Objects.requireNonNull(recipeVersion, "recipeVersion");
    }
}
