package org.vmstation.app.gui.actions;

import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmOperationException;
import org.vmstation.graphics.gl.ThreeDDecision;
import org.vmstation.graphics.gl.ThreeDFallbackStarter;
import org.vmstation.graphics.gl.ThreeDMode;

/**
 * How the window starts a VM. The application passes {@code EngineContext::start} (through {@code AppServices}),
 * so a start from the window gets the same 3-D fallback and the same library bookkeeping as {@code vmstation
 * start}; {@link #direct} is for hosts without a 3-D backend (tests with a recording host).
 */
@FunctionalInterface
public interface VmStarter {
    /** Blocks until QEMU runs the VM (or fails); call it off the JavaFX thread. */
    ThreeDFallbackStarter.Outcome start(VmDefinition vm) throws VmOperationException;

    /** Starts through {@code host} alone: no 3-D backend, so the outcome says 3-D is off. */
    static VmStarter direct(VmHost host) {
        return vm -> new ThreeDFallbackStarter.Outcome(host.start(vm, StartOptions.defaults()), vm,
                new ThreeDDecision(ThreeDMode.OFF, "", "3-D is off: this window's host has no 3-D backend", false), false, "");
    }
}
