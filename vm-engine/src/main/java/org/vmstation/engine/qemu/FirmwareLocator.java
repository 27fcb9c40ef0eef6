package org.vmstation.engine.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the UEFI firmware (OVMF) for x86-64 guests: the read-only code image and the template of the
 * per-VM variable store. A code image only works with the variable store of the same build and size,
 * so they are always returned as a pair.
 */
public interface FirmwareLocator {
    /** A matching code image and variable-store template. */
    record Ovmf(Path code, Path varsTemplate) {}

    Ovmf locateOvmf();

    /** A locator that always answers {@code ovmf} without looking at the disk (golden tests, remote hosts). */
    static FirmwareLocator fixed(Ovmf ovmf) { return () -> ovmf; }

    /** Looks in the usual Debian/Fedora/Arch/Homebrew folders, preferring the 4 MiB build. */
    static FirmwareLocator standard() { return new SearchingFirmwareLocator(SearchingFirmwareLocator.DEFAULT_PAIRS); }

    final class SearchingFirmwareLocator implements FirmwareLocator {
        static final List<Ovmf> DEFAULT_PAIRS = List.of(
                new Ovmf(Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd"), Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd")),
                new Ovmf(Path.of("/usr/share/OVMF/OVMF_CODE.fd"), Path.of("/usr/share/OVMF/OVMF_VARS.fd")),
                new Ovmf(Path.of("/usr/share/edk2/ovmf/OVMF_CODE.fd"), Path.of("/usr/share/edk2/ovmf/OVMF_VARS.fd")),
                new Ovmf(Path.of("/usr/share/edk2/x64/OVMF_CODE.4m.fd"), Path.of("/usr/share/edk2/x64/OVMF_VARS.4m.fd")),
                new Ovmf(Path.of("/opt/homebrew/share/qemu/edk2-x86_64-code.fd"), Path.of("/opt/homebrew/share/qemu/edk2-i386-vars.fd")),
                new Ovmf(Path.of("/usr/local/share/qemu/edk2-x86_64-code.fd"), Path.of("/usr/local/share/qemu/edk2-i386-vars.fd")),
                new Ovmf(Path.of("/usr/share/qemu/edk2-x86_64-code.fd"), Path.of("/usr/share/qemu/edk2-i386-vars.fd")));

        private final List<Ovmf> candidates;

        public SearchingFirmwareLocator(List<Ovmf> candidates) { this.candidates = List.copyOf(candidates); }

        @Override
        public Ovmf locateOvmf() {
            for (Ovmf o : candidates) {
                if (Files.isRegularFile(o.code()) && Files.isReadable(o.code()) && Files.isRegularFile(o.varsTemplate())) return o;
            }
            throw new QemuSetupException("UEFI firmware (OVMF) was not found: install the ovmf package, or choose BIOS firmware for this VM"
                    + (candidates.isEmpty() ? "" : " (looked for " + candidates.getFirst().code() + " and " + (candidates.size() - 1) + " other places)"));
        }
    }
}
