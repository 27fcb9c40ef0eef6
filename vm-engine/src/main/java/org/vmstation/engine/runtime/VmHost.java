package org.vmstation.engine.runtime;

import java.time.Duration;
import java.util.function.Consumer;
import org.vmstation.engine.model.VmDefinition;

/**
 * Controls VMs on one host. The local implementation drives QEMU processes directly; a libvirt-backed
 * implementation (qemu+ssh) can implement the same contract for remote hosts. Every method may block on
 * I/O and must be called off the JavaFX thread.
 */
public interface VmHost extends AutoCloseable {
    /** "This computer", or the remote URI. */
    String displayName();

    /** The VM's state as it truly is now (re-attaching to a VM started by another process if needed). */
    VmStatus status(VmDefinition vm);

    /** Starts the VM and returns once its CPUs run (the guest may still be booting). */
    VmStatus start(VmDefinition vm, StartOptions options) throws VmOperationException;

    void pause(VmDefinition vm) throws VmOperationException;

    void resume(VmDefinition vm) throws VmOperationException;

    void reset(VmDefinition vm) throws VmOperationException;

    /**
     * Presses the ACPI power button and waits up to {@code timeout} for the guest to power off.
     * @return true if the guest shut down by itself, false if the timeout passed (the VM still runs)
     */
    boolean shutdown(VmDefinition vm, Duration timeout) throws VmOperationException;

    /** Ends the VM at once, like pulling the plug. */
    void powerOff(VmDefinition vm) throws VmOperationException;

    /** Where the VM's console endpoints are, for the display and the serial console. */
    VmRuntimePaths paths(VmDefinition vm);

    /** Runs {@code command} against the VM's monitor for device backends and hot-plug. */
    <T> T withControl(VmDefinition vm, ControlAction<T> command) throws VmOperationException;

    /** Listens to state changes of every VM on this host; close the returned handle to stop. */
    AutoCloseable watch(Consumer<VmStatus> listener);

    @FunctionalInterface
    interface ControlAction<T> {
        T apply(VmControl control) throws Exception;
    }

    @Override
    default void close() {}
}
