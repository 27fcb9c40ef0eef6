package org.vmstation.graphics.gl;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Host facts as recorded on real machines, for decisions tested without those machines. */
final class RecordedHosts {
    static final Set<String> DEBIAN_DISPLAYS = Set.of("egl-headless", "dbus", "gtk", "sdl");
    static final Set<String> VIRGL = Set.of(GlHostFacts.VGA_GL, GlHostFacts.GPU_GL);
    static final RenderNode INTEL = new RenderNode(Path.of("/dev/dri/renderD128"), "i915");

    private RecordedHosts() {}

    /** This CI machine: Debian's QEMU 7.2 with virglrenderer, no GPU, no desktop. */
    static GlHostFacts ciWithoutDesktop() {
        return new GlHostFacts("7.2.22", VIRGL, false, DEBIAN_DISPLAYS, List.of(), "", QemuGlCheck.notTried(), QemuGlCheck.notTried());
    }

    /** The same under Xvfb: Mesa's llvmpipe gives QEMU's GTK window OpenGL. */
    static GlHostFacts ciUnderXvfb() {
        return new GlHostFacts("7.2.22", VIRGL, false, DEBIAN_DISPLAYS, List.of(), "DISPLAY=:99", QemuGlCheck.notTried(), QemuGlCheck.passed());
    }

    /** A laptop with an Intel GPU and a desktop session, QEMU 9.2 with Venus. */
    static GlHostFacts intelDesktop() {
        return new GlHostFacts("9.2.0", VIRGL, true, DEBIAN_DISPLAYS, List.of(INTEL), "WAYLAND_DISPLAY=wayland-0",
                QemuGlCheck.passed(), QemuGlCheck.passed());
    }

    /** A server whose user is not in the render group: the node exists but QEMU cannot open it. */
    static GlHostFacts nodeWithoutPermission() {
        return new GlHostFacts("7.2.22", VIRGL, false, DEBIAN_DISPLAYS, List.of(INTEL), "",
                QemuGlCheck.failed("egl: rendernode init failed"), QemuGlCheck.notTried());
    }

    /** A QEMU built without virglrenderer (and without GTK), on the Intel host. */
    static GlHostFacts qemuWithoutVirgl() {
        return new GlHostFacts("8.2.2", Set.of(), false, Set.of("egl-headless", "sdl"), List.of(INTEL), "DISPLAY=:0",
                QemuGlCheck.notTried(), QemuGlCheck.notTried());
    }

    /** Xvfb without GLX (an X server whose OpenGL QEMU cannot use). */
    static GlHostFacts desktopWithoutGl() {
        return new GlHostFacts("7.2.22", VIRGL, false, DEBIAN_DISPLAYS, List.of(), "DISPLAY=:5", QemuGlCheck.notTried(),
                QemuGlCheck.failed("OpenGL is not supported by the display"));
    }
}
