package org.vmstation.engine.power.policy;

import java.util.List;

/**
 * What the policy needs from the VM host: the VMs that are up, and the actions it takes and undoes. Every
 * method may block on I/O; the engine calls them from its own thread.
 */
public interface PolicyActuator {
    /** The VMs that run or are paused now. */
    List<PolicyVm> activeVms() throws Exception;

    void pause(PolicyVm vm) throws Exception;

    void resume(PolicyVm vm) throws Exception;

    void capCpu(PolicyVm vm, int percent) throws Exception;

    void clearCpuCap(PolicyVm vm) throws Exception;

    /** Suspends the VM to disk, or does the nearest thing the host can and says what it did. */
    SuspendOutcome suspendToDisk(PolicyVm vm) throws Exception;

    /**
     * @param savedToDisk true when the VM's state is on disk and the VM stopped; false when it was only paused
     * @param detail      what happened, for the log ("suspend to disk is not available ...: paused instead")
     */
    record SuspendOutcome(boolean savedToDisk, String detail) {}
}
