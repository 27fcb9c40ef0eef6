package org.vmstation.engine.power.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qmp.QmpClient;
import org.vmstation.engine.runtime.MonitorLock;
import org.vmstation.engine.runtime.VmControl;
import org.vmstation.engine.runtime.VmRuntimePaths;

/** Changes a running VM's CPU cap, disk limits and balloon target, from any VMStation process. */
public final class ResourceController {
    private final VmDefinition vm;
    private final VmRuntimePaths paths;

    public ResourceController(VmDefinition vm, VmRuntimePaths paths) {
        this.vm = vm;
        this.paths = paths;
    }

    /** Caps the VM's QEMU process to {@code percent} of one host core. */
    public void setCpuLimit(int percent) throws IOException {
        ResourceLimits.checkCpuPercent(percent, vm.cpus());
        CgroupCpuLimit.detect().apply(vm.id(), qemuPid(), percent);
    }

    public void clearCpuLimit() throws IOException {
        CgroupCpuLimit.detect().clear(vm.id());
    }

    /** Limits every disk to {@code bytesPerSecond} and {@code iops} (0 = unlimited) through QEMU's block throttling. */
    public void setDiskLimit(long bytesPerSecond, long iops) throws Exception {
        talk(control -> {
            applyDiskLimit(vm, control, bytesPerSecond, iops);
            return null;
        });
    }

    /** Asks the guest's balloon driver to give memory back until the VM holds {@code mib}. */
    public void setBalloon(long mib) throws Exception {
        ResourceLimits.checkBalloon(mib, vm.memoryMiB());
        talk(control -> control.command("balloon", Map.of("value", mib * 1024 * 1024)));
    }

    static void applyDiskLimit(VmDefinition vm, VmControl control, long bps, long iops) throws Exception {
        if (bps < 0 || iops < 0) throw new IllegalArgumentException("disk limits must be 0 (none) or more, not " + bps + " B/s, " + iops + " IOPS");
        for (int i = 0; i < vm.disks().size(); i++) {
            Map<String, Object> args = new LinkedHashMap<>();
            // QemuArgumentBuilder names disks[i]'s device disk<i>; a virtio-blk-pci proxy holds no block backend
            // itself, its inner virtio device does, which only a QOM path reaches.
            String id = "disk" + i;
            args.put("id", vm.disks().get(i).bus() == DiskBus.VIRTIO ? "/machine/peripheral/" + id + "/virtio-backend" : id);
            args.put("bps", bps);
            args.put("bps_rd", 0);
            args.put("bps_wr", 0);
            args.put("iops", iops);
            args.put("iops_rd", 0);
            args.put("iops_wr", 0);
            control.command("block_set_io_throttle", args);
        }
    }

    private long qemuPid() throws IOException {
        String text = Files.readString(paths.pidFile()).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("QEMU's pid file " + paths.pidFile() + " holds '" + text + "', not a process id");
        }
    }

    private interface Talk<T> {
        T with(VmControl control) throws Exception;
    }

    private <T> T talk(Talk<T> talk) throws Exception {
        Duration timeout = Duration.ofSeconds(10);
        try (MonitorLock.Held held = MonitorLock.acquire(paths.qmpLock(), timeout);
             QmpClient client = QmpClient.connect(paths.qmpSocket(), timeout)) {
            return talk.with((name, arguments) -> client.call(name, arguments));
        }
    }
}
