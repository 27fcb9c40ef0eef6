package org.vmstation.engine.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the QEMU process of a VM from its pid file. QEMU writes and locks the pid file itself and removes it
 * on every orderly exit (guest power-off, quit, SIGTERM), so a pid file whose process is gone means QEMU died
 * without cleaning up: killed, or crashed.
 */
final class QemuProcessProbe {
    private QemuProcessProbe() {}

    sealed interface Result permits None, Alive, Dead {}

    /** No pid file: QEMU is not running and ended in order (or never ran). */
    record None() implements Result {}

    record Alive(ProcessHandle process) implements Result {}

    /** A pid file without its process. */
    record Dead(long pid) implements Result {}

    static Result inspect(Path pidFile) {
        String text;
        try {
            text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
        } catch (java.nio.file.NoSuchFileException e) {
            return new None();
        } catch (IOException e) {
            return new None();
        }
        if (text.isEmpty()) {
            // QEMU creates the file before writing the number: treat as starting if it is still locked.
            return new Dead(-1);
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return new Dead(-1);
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent() && handle.get().isAlive() && belongsTo(handle.get(), pidFile)) {
            return new Alive(handle.get());
        }
        return new Dead(pid);
    }

    /** Guards against pid reuse: the live process must be a QEMU started with this pid file. */
    private static boolean belongsTo(ProcessHandle process, Path pidFile) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        if (Files.isReadable(cmdline)) {
            try {
                String args = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
                return args.contains(pidFile.toString());
            } catch (IOException e) {
                return true;
            }
        }
        return process.info().command().map(c -> c.contains("qemu")).orElse(true);
    }
}
