package org.vmstation.engine.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Decides which accelerator a VM started now will use, and says why in words the user can act on. Run on
 * every probe (never cached): joining the kvm group or loading the module changes the answer without
 * changing the binary.
 */
public final class AcceleratorChooser {
    /** The chosen accelerator and the sentence explaining the choice. */
    public record Choice(String accelerator, String reason) {}

    /** QEMU's accelerators from fastest to slowest; the order {@link QemuCapabilities#accelerators()} uses. */
    public static final List<String> PREFERENCE = List.of("kvm", "hvf", "whpx", "nvmm", "tcg");

    private static final String TCG_SUFFIX = ": using TCG (software emulation, much slower)";

    private final HostEnvironment host;
    private final Path kvmDevice;
    private final Predicate<Path> canOpenReadWrite;

    public AcceleratorChooser(HostEnvironment host, Path kvmDevice) {
        this(host, kvmDevice, p -> Files.isReadable(p) && Files.isWritable(p));
    }

    /** @param canOpenReadWrite whether this user may open the device read-write (replaceable: root may open anything) */
    AcceleratorChooser(HostEnvironment host, Path kvmDevice, Predicate<Path> canOpenReadWrite) {
        this.host = host;
        this.kvmDevice = kvmDevice;
        this.canOpenReadWrite = canOpenReadWrite;
    }

    public static AcceleratorChooser forThisHost() {
        return new AcceleratorChooser(HostEnvironment.current(), Path.of("/dev/kvm"));
    }

    public Choice choose(List<String> compiledIn) {
        if (host.isLinux() || (!host.isMac() && !host.isWindows())) {
            if (!compiledIn.contains("kvm")) return tcg("this QEMU was built without KVM support" + TCG_SUFFIX);
            if (!Files.exists(kvmDevice)) {
                return tcg(kvmDevice + " is missing (virtualization is off in the firmware settings, or the kvm module is not loaded)" + TCG_SUFFIX);
            }
            if (!canOpenReadWrite.test(kvmDevice)) {
                return tcg("no permission to use " + kvmDevice + ": add yourself to the kvm group "
                        + "(sudo usermod -aG kvm $USER, then log in again)" + TCG_SUFFIX);
            }
            return new Choice("kvm", "KVM hardware acceleration (" + kvmDevice + " is usable)");
        }
        if (host.isMac()) {
            if (compiledIn.contains("hvf")) return new Choice("hvf", "Hypervisor.framework hardware acceleration");
            return tcg("this QEMU was built without Hypervisor.framework support" + TCG_SUFFIX);
        }
        if (compiledIn.contains("whpx")) return new Choice("whpx", "Windows Hypervisor Platform hardware acceleration");
        return tcg("this QEMU has no Windows Hypervisor Platform support (enable the feature and use a QEMU built with it)" + TCG_SUFFIX);
    }

    private static Choice tcg(String reason) {
        // A QEMU without TCG (--disable-tcg) is rare; still answer tcg so the start fails with QEMU's own message.
        return new Choice("tcg", reason);
    }
}
