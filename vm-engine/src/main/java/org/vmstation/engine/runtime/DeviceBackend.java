package org.vmstation.engine.runtime;

import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.QemuCommandLine;

/**
 * The extension point through which device backends (display, power, USB, 3-D) take part in a VM's life
 * without the core knowing them. The runtime calls {@link #contribute} while building the command line, then
 * starts QEMU paused, connects QMP, calls {@link #attach} on every backend, and only then lets the guest run.
 */
public interface DeviceBackend {
    /** Short stable name used in logs and errors, e.g. {@code display}, {@code power}. */
    String name();

    /** Adds the backend's arguments. Must not block or start anything. */
    void contribute(VmDefinition vm, BackendContext context, QemuCommandLine commandLine);

    /**
     * The display adapter and {@code -display} this backend wants instead of the VM's {@code DisplaySpec} adapter
     * and {@code -display none}, or null (the default) to leave them. At most one backend of a VM may answer.
     * Called once while the command line is built, before {@link #contribute}; may consult cached host probes.
     */
    default DisplayOutput displayOutput(VmDefinition vm, BackendContext context) { return null; }

    /** Runs after QMP is up and before the guest's CPUs start: connect sockets, hot-plug devices, start threads. */
    default void attach(VmDefinition vm, BackendContext context, VmControl control) throws Exception {}

    /** Runs when the VM has stopped (or this process stops watching it): release what attach took. */
    default void detach(VmDefinition vm, BackendContext context) {}
}
