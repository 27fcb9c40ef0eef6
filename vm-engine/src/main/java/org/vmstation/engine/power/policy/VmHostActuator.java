package org.vmstation.engine.power.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.resource.ResourceController;
import org.vmstation.engine.power.resource.ResourceLimits;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.engine.runtime.VmStatus;

/**
 * The policy's actions on a real {@link VmHost}: pause and resume through the host, the CPU cap through
 * {@link ResourceController} (lifting a policy cap restores the VM's own {@code resources.cpu-percent}).
 *
 * <p>Suspend to disk is not available: QEMU 7.2 (Debian 12's, the CI's) can save a VM's state only
 * by migrating it into a shell command ({@code exec:}, which VMStation never uses) or over a socket or file
 * descriptor ({@code file:} arrived in QEMU 8.2; 7.2.22 answers "unknown migration protocol: file:..."), and
 * VMStation cannot start a VM from a saved state yet. Such a rule pauses the VM instead (its
 * memory stays in RAM) and says so; the log and a warning show it.
 */
public final class VmHostActuator implements PolicyActuator {
    static final String NO_SUSPEND = "suspend to disk is not available yet: VMStation cannot save a VM's state to a file and restore it"
            + " (QEMU 7.2 has no file: migration); paused instead, its memory stays in RAM";
    private final VmHost host;
    private final Callable<List<VmDefinition>> definitions;

    /** @param definitions the VMs to consider (the library's), read at each evaluation */
    public VmHostActuator(VmHost host, Callable<List<VmDefinition>> definitions) {
        this.host = host;
        this.definitions = definitions;
    }

    @Override
    public List<PolicyVm> activeVms() throws Exception {
        List<PolicyVm> out = new ArrayList<>();
        for (VmDefinition vm : definitions.call()) {
            VmStatus s = host.status(vm);
            if (s.state().isActive()) out.add(new PolicyVm(vm, s.state()));
        }
        return out;
    }

    @Override public void pause(PolicyVm vm) throws Exception { host.pause(vm.definition()); }

    @Override
    public void resume(PolicyVm vm) throws Exception {
        // the user may have resumed it already; resuming a running VM is harmless but say nothing twice
        if (host.status(vm.definition()).state() == VmState.PAUSED) host.resume(vm.definition());
    }

    @Override
    public void capCpu(PolicyVm vm, int percent) throws Exception {
        controller(vm).setCpuLimit(percent);
    }

    @Override
    public void clearCpuCap(PolicyVm vm) throws Exception {
        VmDefinition d = vm.definition();
        Integer own = ResourceLimits.from(d.settings(), d.cpus(), d.memoryMiB()).cpuPercent();
        if (own != null) controller(vm).setCpuLimit(own);
        else controller(vm).clearCpuLimit();
    }

    @Override
    public SuspendOutcome suspendToDisk(PolicyVm vm) throws Exception {
        host.pause(vm.definition());
        return new SuspendOutcome(false, NO_SUSPEND);
    }

    private ResourceController controller(PolicyVm vm) {
        return new ResourceController(vm.definition(), host.paths(vm.definition()));
    }
}
