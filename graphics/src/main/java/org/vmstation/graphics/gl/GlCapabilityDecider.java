package org.vmstation.graphics.gl;

import java.util.List;

/** Decides from observed {@link GlHostFacts} which 3-D modes this host offers, with a sentence for each. Pure. */
public final class GlCapabilityDecider {
    static final String NO_RENDER_NODE = "no render node: this host has no GPU driver loaded";
    static final String NO_DESKTOP = "no graphical display for QEMU's own GL window (DISPLAY and WAYLAND_DISPLAY are not set)";

    private GlCapabilityDecider() {}

    public static GlCapabilities decide(GlHostFacts facts) {
        return new GlCapabilities(facts, List.of(embedded(facts), separateWindow(facts),
                ModeAvailability.available(ThreeDMode.OFF, "", "a 2-D adapter; the guest draws OpenGL in software")));
    }

    private static String withoutVirgl(GlHostFacts f) {
        return "QEMU " + f.qemuVersion() + " built without virglrenderer (it has no " + GlHostFacts.VGA_GL + " device)";
    }

    private static ModeAvailability embedded(GlHostFacts f) {
        ThreeDMode m = ThreeDMode.EMBEDDED;
        if (!f.hasVirgl()) return ModeAvailability.unavailable(m, withoutVirgl(f));
        if (!f.glDisplays().contains("egl-headless")) {
            return ModeAvailability.unavailable(m, "QEMU built without the egl-headless display");
        }
        if (f.renderNodes().isEmpty()) return ModeAvailability.unavailable(m, NO_RENDER_NODE);
        RenderNode node = f.renderNodes().getFirst();
        if (f.headlessCheck().hasFailed()) {
            return ModeAvailability.unavailable(m, "QEMU could not render on " + node + ": " + f.headlessCheck().detail());
        }
        return ModeAvailability.available(m, "egl-headless,rendernode=" + node.device(),
                "rendered on " + node + " and shown in the console");
    }

    private static ModeAvailability separateWindow(GlHostFacts f) {
        ThreeDMode m = ThreeDMode.SEPARATE_WINDOW;
        if (!f.hasVirgl()) return ModeAvailability.unavailable(m, withoutVirgl(f));
        boolean gtk = f.glDisplays().contains("gtk");
        boolean sdl = f.glDisplays().contains("sdl");
        if (!gtk && !sdl) return ModeAvailability.unavailable(m, "QEMU built without a GTK or SDL window");
        if (!f.hasGraphicalDisplay()) return ModeAvailability.unavailable(m, NO_DESKTOP);
        if (gtk) {
            if (f.windowCheck().hasFailed()) {
                return ModeAvailability.unavailable(m, "QEMU's GTK window has no OpenGL on " + f.graphicalDisplay() + ": "
                        + f.windowCheck().detail());
            }
            return ModeAvailability.available(m, "gtk,gl=on", "QEMU's own GTK window with OpenGL on " + f.graphicalDisplay());
        }
        // SDL sets up OpenGL only when its window opens, so nothing could be checked before the start.
        return ModeAvailability.available(m, "sdl,gl=on", "QEMU's own SDL window with OpenGL on " + f.graphicalDisplay()
                + " (checked only when the VM starts)");
    }
}
