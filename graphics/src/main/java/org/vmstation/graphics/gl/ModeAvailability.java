package org.vmstation.graphics.gl;

import java.util.Objects;

/**
 * Whether one 3-D mode can be used on this host, and in words why or how.
 *
 * @param qemuDisplay the {@code -display} value the mode uses here (e.g. {@code egl-headless,rendernode=/dev/dri/renderD128}),
 *                    empty for {@link ThreeDMode#OFF} or when unavailable
 * @param explanation when available, how (e.g. "QEMU's GTK window with OpenGL on DISPLAY=:99"); otherwise why not
 *                    (e.g. "no render node: this host has no GPU driver loaded")
 */
public record ModeAvailability(ThreeDMode mode, boolean available, String qemuDisplay, String explanation) {
    public ModeAvailability {
        Objects.requireNonNull(mode, "mode");
        qemuDisplay = qemuDisplay == null ? "" : qemuDisplay;
        explanation = explanation == null ? "" : explanation;
        if (available && mode != ThreeDMode.OFF && qemuDisplay.isEmpty()) {
            throw new IllegalArgumentException("an available 3-D mode needs its -display value: " + mode);
        }
    }

    static ModeAvailability available(ThreeDMode mode, String qemuDisplay, String how) {
        return new ModeAvailability(mode, true, qemuDisplay, how);
    }

    static ModeAvailability unavailable(ThreeDMode mode, String why) {
        return new ModeAvailability(mode, false, "", why);
    }
}
