package org.vmstation.engine.model;

import java.util.Objects;

/** Direct kernel boot: QEMU loads the kernel and initrd itself, no boot loader in the guest. */
public record KernelBoot(String kernelPath, String initrdPath, String commandLine) {
    public KernelBoot {
        Objects.requireNonNull(kernelPath, "kernelPath");
        commandLine = commandLine == null ? "" : commandLine;
    }
}
