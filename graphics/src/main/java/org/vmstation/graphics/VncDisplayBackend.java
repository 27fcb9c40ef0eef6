package org.vmstation.graphics;

import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.QemuCommandLine;
import org.vmstation.engine.qemu.QemuOptions;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.DeviceBackend;

/**
 * Exports the VM's screen as VNC on a UNIX socket in its private runtime folder, where the console view (and
 * any later VMStation process) connects. Nothing listens on TCP.
 */
public final class VncDisplayBackend implements DeviceBackend {
    @Override
    public String name() { return "display"; }

    @Override
    public void contribute(VmDefinition vm, BackendContext context, QemuCommandLine commandLine) {
        if (vm.display().adapter() == DisplaySpec.Adapter.NONE) return;
        // share=force-shared: the window, a detached console and thumbnails may all look at once.
        commandLine.add("-vnc", "unix:" + QemuOptions.escape(context.paths().vncSocket().toString()) + ",share=force-shared");
    }
}
