package org.vmstation.graphics.gl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.DeviceProps;
import org.vmstation.engine.qemu.DisplayDeviceProps;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.qemu.QemuCommandLine;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.DeviceBackend;
import org.vmstation.engine.runtime.DisplayOutput;

/**
 * Gives a VM 3-D acceleration when its setting and the host allow: the adapter becomes {@code virtio-vga-gl} and
 * QEMU's output {@code egl-headless} (frames still reach the VNC socket of the console backend, which is added as
 * usual) or its own OpenGL window ({@code gtk,gl=on}, titled with the VM's name from {@code -name}). Register it
 * beside {@code VncDisplayBackend}. The decision of each VM's last start is kept for the console and the
 * settings page to show.
 */
public final class GlDisplayBackend implements DeviceBackend {
    private final Function<QemuCapabilities, GlCapabilities> capabilities;
    private final Map<String, ThreeDDecision> decisions = new ConcurrentHashMap<>();

    /** The backend for this host, probing through {@link GlCapabilityProbe#forThisHost()}. */
    public GlDisplayBackend() { this(GlCapabilityProbe.forThisHost()::capabilities); }

    /** @param capabilities the 3-D capabilities for a probed QEMU (tests pass recorded ones) */
    public GlDisplayBackend(Function<QemuCapabilities, GlCapabilities> capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public String name() { return "3d"; }

    @Override
    public DisplayOutput displayOutput(VmDefinition vm, BackendContext context) {
        ThreeDDecision decision;
        if (vm.display().acceleration3d() == DisplaySpec.Acceleration3d.OFF) {
            // Not even probed: a VM without 3-D must not pay for QEMU's GL checks.
            decision = new ThreeDDecision(ThreeDMode.OFF, "", "3-D is off in this VM's settings", false);
        } else {
            decision = ThreeDModeResolver.resolve(vm.display(), capabilities.apply(context.capabilities()));
        }
        decisions.put(vm.id(), decision);
        if (!decision.accelerated()) return null;
        return new DisplayOutput(DeviceProps.of(GlHostFacts.VGA_GL).with("id", DisplayDeviceProps.ID), decision.qemuDisplay());
    }

    @Override
    public void contribute(VmDefinition vm, BackendContext context, QemuCommandLine commandLine) {
        // Everything is in displayOutput; the VNC socket comes from the console backend.
    }

    /** What the last start of VM {@code vmId} through this backend decided, if it was started. */
    public Optional<ThreeDDecision> lastDecision(String vmId) { return Optional.ofNullable(decisions.get(vmId)); }
}
