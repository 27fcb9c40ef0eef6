package org.vmstation.engine.guest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared helper for tests that boot the demo guest (published in vm-engine's test-jar).
 *
 * <p>{@link #image()} builds the guest on first use (needs scripts/setup-deps.sh to have run on a
 * Debian host) and then reuses the cache. {@link #qemuCommand} gives a minimal, known-good QEMU
 * argument list for booting it under TCG (SeaBIOS, PVH kernel when available) with the serial
 * console going to a file.
 */
public final class TestGuest {
    private static GuestImage image;

    private TestGuest() {
    }

    /** The demo guest, built if needed; recipe progress goes to stderr. */
    public static synchronized GuestImage image() {
        if (image == null) {
            image = new GuestImageLocator().ensure(line -> System.err.println(line));
        }
        return image;
    }

    /** {@code qemu-system-x86_64}, or the binary named by the {@code VMSTATION_QEMU} environment variable. */
    public static String qemuBinary() {
        String override = System.getenv("VMSTATION_QEMU");
        return override == null || override.isBlank() ? "qemu-system-x86_64" : override;
    }

    /**
     * A q35/TCG command line that boots {@code guest} headless, writes its serial console to
     * {@code serialLog}, runs {@code probes}, and appends {@code extraArgs} (devices, -qmp ...).
     */
    public static List<String> qemuCommand(GuestImage guest, Path serialLog, List<String> probes, String... extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(
                qemuBinary(),
                "-machine", "q35",
                "-accel", "tcg",
                "-m", "256",
                "-display", "none",
                "-monitor", "none",
                "-no-user-config",
                "-serial", "file:" + serialLog,
                "-kernel", guest.kernelFor(false).toString(),
                "-initrd", guest.initrd().toString(),
                "-append", GuestImageLocator.kernelCommandLine(probes)));
        cmd.addAll(List.of(extraArgs));
        return cmd;
    }
}
