package org.vmstation.graphics.gl;

import org.vmstation.engine.model.DisplaySpec;

/**
 * Turns a VM's 3-D setting (Off, Auto, On) and the host's {@link GlCapabilities} into the mode used for a start.
 * Auto and On both pick the best mode available (embedded before separate window); they differ in what happens
 * when nothing is: Auto quietly uses a 2-D adapter and says why, On does too (a VM never fails to start because
 * of 3-D) but marks the setting as unmet so the user is told. Auto also leaves an adapter other than virtio-vga
 * alone, since that choice usually means an old guest that would not know virtio-gpu.
 */
public final class ThreeDModeResolver {
    private ThreeDModeResolver() {}

    public static ThreeDDecision resolve(DisplaySpec display, GlCapabilities caps) {
        DisplaySpec.Acceleration3d setting = display.acceleration3d();
        if (display.adapter() == DisplaySpec.Adapter.NONE) {
            return off("3-D is off: this VM has no display adapter", setting == DisplaySpec.Acceleration3d.ON);
        }
        if (setting == DisplaySpec.Acceleration3d.OFF) return off("3-D is off in this VM's settings", false);
        if (setting == DisplaySpec.Acceleration3d.AUTO && display.adapter() != DisplaySpec.Adapter.VIRTIO_VGA) {
            return off("3-D is off: Auto keeps the " + display.adapter().qemuDevice() + " adapter this VM is set to"
                    + " (3-D needs virtio-vga; choose On to switch)", false);
        }
        String word = setting == DisplaySpec.Acceleration3d.AUTO ? "Auto chose " : "3-D is on: ";
        for (ThreeDMode mode : new ThreeDMode[] {ThreeDMode.EMBEDDED, ThreeDMode.SEPARATE_WINDOW}) {
            ModeAvailability a = caps.availability(mode);
            if (a.available()) {
                String why = mode == ThreeDMode.SEPARATE_WINDOW
                        ? " because embedded is unavailable (" + caps.availability(ThreeDMode.EMBEDDED).explanation() + ")" : "";
                return new ThreeDDecision(mode, a.qemuDisplay(), word + mode.label() + ", " + a.explanation() + why, false);
            }
        }
        String why = caps.availability(ThreeDMode.EMBEDDED).explanation();
        String windowWhy = caps.availability(ThreeDMode.SEPARATE_WINDOW).explanation();
        if (!windowWhy.equals(why)) why = "embedded: " + why + "; separate window: " + windowWhy;
        boolean unmet = setting == DisplaySpec.Acceleration3d.ON;
        return off((unmet ? "3-D is on in this VM's settings but this host cannot provide it, so it starts without 3-D: "
                : "Auto chose off: 3-D is unavailable on this host: ") + why, unmet);
    }

    private static ThreeDDecision off(String explanation, boolean unmet) {
        return new ThreeDDecision(ThreeDMode.OFF, "", explanation, unmet);
    }
}
