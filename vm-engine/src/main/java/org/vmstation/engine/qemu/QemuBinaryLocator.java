package org.vmstation.engine.qemu;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code qemu-system-x86_64} and {@code qemu-img}. Order: an explicit path from the settings, then the
 * {@code VMSTATION_QEMU} environment variable, then PATH (plus the Homebrew folders on macOS).
 */
public final class QemuBinaryLocator {
    public static final String ENV_VARIABLE = "VMSTATION_QEMU";
    public static final String SYSTEM_BINARY = "qemu-system-x86_64";
    public static final String IMG_BINARY = "qemu-img";
    static final String NOT_FOUND = "QEMU was not found: install qemu-system-x86 (Debian/Ubuntu) or set " + ENV_VARIABLE;

    private final HostEnvironment host;

    public QemuBinaryLocator(HostEnvironment host) { this.host = host; }

    public static QemuBinaryLocator forThisHost() { return new QemuBinaryLocator(HostEnvironment.current()); }

    /** qemu-system-x86_64 for this host from {@code VMSTATION_QEMU} or PATH (no configured override). */
    public static Path locateQemu() { return forThisHost().locateSystem(null); }

    /** qemu-img belonging to {@link #locateQemu()}, or from PATH. */
    public static Path locateQemuImg() {
        QemuBinaryLocator locator = forThisHost();
        Path system;
        try {
            system = locator.locateSystem(null);
        } catch (QemuSetupException e) {
            system = null; // qemu-img alone (qemu-utils) is enough for disk work
        }
        return locator.locateImg(system);
    }

    /**
     * The qemu-system binary to use.
     *
     * @param configured the path from the settings, or null when none is set
     */
    public Path locateSystem(Path configured) {
        if (configured != null) return requireExecutable(configured, "the configured QEMU path");
        String fromEnv = host.env().get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) return requireExecutable(Path.of(fromEnv), ENV_VARIABLE);
        Path onPath = host.findOnPath(SYSTEM_BINARY);
        if (onPath == null) throw new QemuSetupException(NOT_FOUND);
        return onPath;
    }

    /** qemu-img from the same folder as {@code qemuSystem} (the same installation), else from PATH. */
    public Path locateImg(Path qemuSystem) {
        if (qemuSystem != null && qemuSystem.getParent() != null) {
            Path sibling = qemuSystem.getParent().resolve(host.executableName(IMG_BINARY));
            if (Files.isRegularFile(sibling) && Files.isExecutable(sibling)) return sibling;
        }
        Path onPath = host.findOnPath(IMG_BINARY);
        if (onPath == null) {
            throw new QemuSetupException("qemu-img was not found: install qemu-utils (Debian/Ubuntu) or put qemu-img next to "
                    + (qemuSystem == null ? SYSTEM_BINARY : qemuSystem));
        }
        return onPath;
    }

    private static Path requireExecutable(Path p, String source) {
        if (!Files.isRegularFile(p)) {
            throw new QemuSetupException("QEMU was not found at " + p + " (from " + source + "): no such file");
        }
        if (!Files.isExecutable(p)) {
            throw new QemuSetupException("QEMU at " + p + " (from " + source + ") is not executable by this user");
        }
        return p;
    }
}
