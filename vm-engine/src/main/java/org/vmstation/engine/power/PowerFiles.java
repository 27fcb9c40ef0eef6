package org.vmstation.engine.power;

import java.nio.file.Path;
import org.vmstation.engine.runtime.VmRuntimePaths;

/**
 * The power model's files in a running VM's runtime folder (per user, 0700), so the window, the CLI and the
 * backend of any VMStation process find the same ones: the shared region QEMU maps into the guest, the host's
 * own copy of the truth (which the guest cannot reach), its lock, and the compiled SSDT.
 */
public record PowerFiles(Path runtimeDir) {
    public static PowerFiles of(VmRuntimePaths paths) { return new PowerFiles(paths.runtimeDir()); }

    public Path region() { return runtimeDir.resolve("power.shm"); }
    public Path hostState() { return runtimeDir.resolve("power-state.properties"); }
    public Path lock() { return runtimeDir.resolve("power.lock"); }
    public Path ssdtDir() { return runtimeDir.resolve("power-acpi"); }
}
