package org.vmstation.engine.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A QEMU argument list under construction. Always a list of separate arguments handed to the process
 * directly — never joined into a shell string.
 */
public final class QemuCommandLine {
    private final Path binary;
    private final List<String> args = new ArrayList<>();

    public QemuCommandLine(Path binary) {
        this.binary = Objects.requireNonNull(binary, "binary");
    }

    /** Adds {@code option value}; the caller has already escaped the value where it is a key=value list. */
    public QemuCommandLine add(String option, String value) {
        if (!option.startsWith("-")) throw new IllegalArgumentException("not a QEMU option: " + option);
        args.add(option);
        args.add(Objects.requireNonNull(value, option));
        return this;
    }

    /** Adds a flag option without value such as {@code -S} or {@code -no-user-config}. */
    public QemuCommandLine flag(String option) {
        if (!option.startsWith("-")) throw new IllegalArgumentException("not a QEMU option: " + option);
        args.add(option);
        return this;
    }

    public QemuCommandLine device(DeviceProps device) {
        return add("-device", device.toCommandLine());
    }

    public Path binary() { return binary; }

    /** The arguments without the binary. */
    public List<String> arguments() { return Collections.unmodifiableList(args); }

    /** The binary followed by the arguments, ready for {@link ProcessBuilder}. */
    public List<String> command() {
        List<String> all = new ArrayList<>(args.size() + 1);
        all.add(binary.toString());
        all.addAll(args);
        return all;
    }
}
