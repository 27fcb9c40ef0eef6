package org.vmstation.engine.power.resource;

import java.nio.file.Files;
import java.util.Map;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.DeviceProps;
import org.vmstation.engine.qemu.QemuCommandLine;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.DeviceBackend;
import org.vmstation.engine.runtime.VmControl;

/** Applies a VM's {@link ResourceLimits} settings at start: balloon device, disk throttling, CPU cap. */
public final class ResourceBackend implements DeviceBackend {
    static final String BALLOON_ID = "vms-balloon";

    @Override
    public String name() { return "resources"; }

    @Override
    public void contribute(VmDefinition vm, BackendContext context, QemuCommandLine cmd) {
        ResourceLimits limits = ResourceLimits.from(vm.settings(), vm.cpus(), vm.memoryMiB());
        if (limits.balloonMiB() != null) cmd.device(DeviceProps.of("virtio-balloon-pci").with("id", BALLOON_ID));
    }

    @Override
    public void attach(VmDefinition vm, BackendContext context, VmControl control) throws Exception {
        ResourceLimits limits = ResourceLimits.from(vm.settings(), vm.cpus(), vm.memoryMiB());
        if (limits.diskBytesPerSecond() > 0 || limits.diskIops() > 0) {
            ResourceController.applyDiskLimit(vm, control, limits.diskBytesPerSecond(), limits.diskIops());
        }
        if (limits.balloonMiB() != null) control.command("balloon", Map.of("value", limits.balloonMiB() * 1024 * 1024));
        if (limits.cpuPercent() != null) {
            long pid = Long.parseLong(Files.readString(context.paths().pidFile()).trim());
            CgroupCpuLimit.detect().apply(vm.id(), pid, limits.cpuPercent());
        }
    }

    @Override
    public void detach(VmDefinition vm, BackendContext context) {
        if (!vm.settings().containsKey(ResourceLimits.CPU_PERCENT)) return;
        try {
            CgroupCpuLimit.detect().remove(vm.id());
        } catch (java.io.IOException ignored) {
            // no cgroup support: nothing was created
        }
    }
}
