package org.vmstation.engine.power.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Caps a QEMU process's CPU time with the kernel's CFS bandwidth control: a cgroup per VM whose quota is
 * {@code percent} of a 100-ms period. Works with the cgroup v1 {@code cpu} controller or cgroup v2 where
 * VMStation may create groups (root, or a delegated subtree named by {@code VMSTATION_CGROUP}). Without either
 * the limit is refused with the reason, never silently skipped.
 */
public final class CgroupCpuLimit {
    static final long PERIOD_US = 100_000;
    private final Path base;
    private final boolean v2;

    CgroupCpuLimit(Path base, boolean v2) {
        this.base = base;
        this.v2 = v2;
    }

    /** The cgroup hierarchy this host offers for CPU limits. */
    public static CgroupCpuLimit detect() throws IOException {
        String delegated = System.getenv("VMSTATION_CGROUP");
        if (delegated != null && !delegated.isBlank()) return new CgroupCpuLimit(Path.of(delegated), true);
        Path v1 = Path.of("/sys/fs/cgroup/cpu");
        if (Files.isWritable(v1) && Files.exists(v1.resolve("cpu.cfs_quota_us"))) return new CgroupCpuLimit(v1.resolve("vmstation"), false);
        Path root = Path.of("/sys/fs/cgroup");
        Path controllers = root.resolve("cgroup.controllers");
        if (Files.isReadable(controllers) && List.of(Files.readString(controllers).trim().split("\\s+")).contains("cpu") && Files.isWritable(root)) {
            return new CgroupCpuLimit(root.resolve("vmstation"), true);
        }
        throw new IOException("CPU limits need a writable cgroup with the cpu controller: run as root, or delegate one"
                + " (e.g. systemd-run --user --scope -p Delegate=yes) and name it in VMSTATION_CGROUP");
    }

    /** Moves process {@code pid} (all its threads) into the VM's group and sets its quota. */
    public Path apply(String vmId, long pid, int percent) throws IOException {
        ResourceLimits.checkCpuPercent(percent, Integer.MAX_VALUE / 100);
        if (!vmId.matches("[A-Za-z0-9._-]{1,64}")) throw new IOException("VM id '" + vmId + "' cannot name a cgroup");
        Path group = base.resolve(vmId);
        Files.createDirectories(group);
        long quota = PERIOD_US * percent / 100;
        if (v2) {
            if (base.getParent() != null && Files.exists(base.resolve("cgroup.subtree_control"))) {
                Files.writeString(base.resolve("cgroup.subtree_control"), "+cpu");
            }
            Files.writeString(group.resolve("cpu.max"), quota + " " + PERIOD_US);
        } else {
            Files.writeString(group.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
            Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(quota));
        }
        Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
        return group;
    }

    /** Lifts the limit (the group stays until the VM's processes are gone). */
    public void clear(String vmId) throws IOException {
        Path group = base.resolve(vmId);
        if (!Files.isDirectory(group)) return;
        if (v2) Files.writeString(group.resolve("cpu.max"), "max " + PERIOD_US);
        else Files.writeString(group.resolve("cpu.cfs_quota_us"), "-1");
    }

    /** Removes the VM's group once its processes are gone (the kernel refuses while any remain). */
    public void remove(String vmId) {
        try {
            Files.deleteIfExists(base.resolve(vmId));
        } catch (IOException ignored) {
            // still in use, or never created: the next start reuses it
        }
    }
}
