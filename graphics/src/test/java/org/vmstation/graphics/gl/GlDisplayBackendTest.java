package org.vmstation.graphics.gl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.DisplaySpec.Acceleration3d;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.FirmwareLocator;
import org.vmstation.engine.qemu.QemuArgumentBuilder;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmRuntimePaths;
import org.vmstation.graphics.VncDisplayBackend;

/** The command lines the real argument builder makes with the 3-D backend beside the console backend. */
class GlDisplayBackendTest {
    static final QemuCapabilities QEMU = new QemuCapabilities(Path.of("/usr/bin/qemu-system-x86_64"), "7.2.22", "",
            java.util.Set.of("q35"), java.util.Set.of("virtio-vga", "virtio-vga-gl", "virtio-gpu-gl", "VGA", "qemu-xhci", "usb-tablet"),
            List.of("tcg"), "tcg", "", java.util.Set.of("none", "gtk", "sdl", "egl-headless", "dbus", "vnc"));
    static final VmRuntimePaths PATHS = new VmRuntimePaths(Path.of("/run/vms/v1"), Path.of("/home/u/VMs/v1"));

    private static List<String> argv(GlDisplayBackend gl, Acceleration3d setting) throws Exception {
        VmDefinition vm = VmDefinition.builder("Desk").id("v1").network(org.vmstation.engine.model.NetworkSpec.none())
                .display(new DisplaySpec(DisplaySpec.Adapter.VIRTIO_VGA, setting)).serialConsole(false).build();
        return new QemuArgumentBuilder(FirmwareLocator.fixed(new FirmwareLocator.Ovmf(Path.of("/c"), Path.of("/v"))))
                .commandLine(vm, PATHS, QEMU, StartOptions.defaults(), List.of(new VncDisplayBackend(), gl),
                        new BackendContext(vm.id(), PATHS, QEMU)).arguments();
    }

    private static GlDisplayBackend backendOn(GlHostFacts facts) {
        return new GlDisplayBackend(q -> GlCapabilityDecider.decide(facts));
    }

    @Test
    void embeddedUsesVirtioVgaGlWithEglHeadlessAndKeepsTheVncConsole() throws Exception {
        GlDisplayBackend gl = backendOn(RecordedHosts.intelDesktop());
        List<String> args = argv(gl, Acceleration3d.AUTO);
        assertThat(args).containsSubsequence("-device", "virtio-vga-gl,id=video0", "-display", "egl-headless,rendernode=/dev/dri/renderD128")
                .containsSubsequence("-vnc", "unix:/run/vms/v1/vnc.sock,share=force-shared")
                .doesNotContain("virtio-vga,id=video0", "none");
        assertThat(gl.lastDecision("v1")).get().extracting(ThreeDDecision::mode).isEqualTo(ThreeDMode.EMBEDDED);
    }

    @Test
    void separateWindowUsesQemusGtkWindowWithOpenGl() throws Exception {
        List<String> args = argv(backendOn(RecordedHosts.ciUnderXvfb()), Acceleration3d.ON);
        assertThat(args).containsSubsequence("-device", "virtio-vga-gl,id=video0", "-display", "gtk,gl=on")
                .containsSubsequence("-name", "guest=Desk,debug-threads=on");
    }

    @Test
    void offOrUnavailableLeavesTheTwoDimensionalAdapter() throws Exception {
        GlDisplayBackend gl = backendOn(RecordedHosts.ciWithoutDesktop());
        assertThat(argv(gl, Acceleration3d.AUTO)).containsSubsequence("-device", "virtio-vga,id=video0", "-display", "none")
                .doesNotContain("virtio-vga-gl,id=video0");
        assertThat(gl.lastDecision("v1")).get().extracting(ThreeDDecision::explanation).asString().contains("no render node");
        GlDisplayBackend neverProbes = new GlDisplayBackend(q -> { throw new AssertionError("probed for a VM with 3-D off"); });
        assertThat(argv(neverProbes, Acceleration3d.OFF)).contains("virtio-vga,id=video0");
    }
}
