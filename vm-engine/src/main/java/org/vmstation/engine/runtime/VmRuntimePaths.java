package org.vmstation.engine.runtime;

import java.nio.file.Path;

/**
 * Where a running VM's control endpoints and logs live. The runtime folder is per user, mode 0700, and holds
 * only UNIX sockets and small state files; logs live in the VM's own folder beside its disks.
 */
public record VmRuntimePaths(Path runtimeDir, Path vmFolder) {
    /** Short-lived command connections (CLI, GUI actions), serialized by {@link #qmpLock()}. */
    public Path qmpSocket() { return runtimeDir.resolve("qmp.sock"); }
    /** A second monitor held open by one watcher for events. */
    public Path eventsSocket() { return runtimeDir.resolve("events.sock"); }
    public Path qmpLock() { return runtimeDir.resolve("qmp.lock"); }
    public Path vncSocket() { return runtimeDir.resolve("vnc.sock"); }
    public Path serialSocket() { return runtimeDir.resolve("serial.sock"); }
    /** Written and locked by QEMU itself (-pidfile), removed by QEMU on a clean exit. */
    public Path pidFile() { return runtimeDir.resolve("qemu.pid"); }
    public Path startLock() { return runtimeDir.resolve("start.lock"); }
    public Path logsDir() { return vmFolder.resolve("logs"); }
    public Path qemuLog() { return logsDir().resolve("qemu.log"); }
    public Path serialLog() { return logsDir().resolve("serial.log"); }

    /** Extra socket for a device backend, e.g. {@code usbredir-1.sock}. */
    public Path socket(String name) { return runtimeDir.resolve(name + ".sock"); }
}
