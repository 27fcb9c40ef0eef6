package org.vmstation.engine.guest;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The built demo/test guest: a kernel and an initramfs for QEMU's direct kernel boot
 * ({@code -kernel}, {@code -initrd}, {@code -append}).
 *
 * @param kernel        the bzImage ({@code vmlinuz}); boots with SeaBIOS and with UEFI (EFI stub)
 * @param initrd        the gzip-compressed busybox initramfs ({@code initrd.img})
 * @param recipeVersion the guest recipe version that produced them
 * @param pvhKernelPath the same kernel as an uncompressed ELF ({@code vmlinux}) that QEMU starts through
 *                      its PVH entry point, or null if the recipe could not extract it
 */
public record GuestImage(Path kernel, Path initrd, String recipeVersion, Path pvhKernelPath) {
    public GuestImage {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(initrd, "initrd");
        Objects.requireNonNull(recipeVersion, "recipeVersion");
    }

    public GuestImage(Path kernel, Path initrd, String recipeVersion) {
        this(kernel, initrd, recipeVersion, null);
    }

    /**
     * The PVH-bootable ELF kernel. Under TCG it reaches the ready marker several seconds sooner than the
     * bzImage, which spends that time decompressing itself inside the guest. SeaBIOS (legacy BIOS) only:
     * OVMF cannot start it.
     */
    public Optional<Path> pvhKernel() {
        return Optional.ofNullable(pvhKernelPath);
    }

    /** The fastest kernel file for the given firmware: the PVH ELF for BIOS when present, else the bzImage. */
    public Path kernelFor(boolean uefiFirmware) {
        return uefiFirmware ? kernel : pvhKernel().orElse(kernel);
    }
}
