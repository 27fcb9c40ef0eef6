package org.vmstation.graphics.gl;

import java.util.Objects;

/**
 * The 3-D mode chosen for one start of a VM, and a sentence saying which and why.
 *
 * @param qemuDisplay   the {@code -display} value for the mode, empty for {@link ThreeDMode#OFF}
 * @param settingUnmet  true when the VM's setting asked for 3-D (On) and the host cannot give it: the user should
 *                      be told, not just see a slower guest
 */
public record ThreeDDecision(ThreeDMode mode, String qemuDisplay, String explanation, boolean settingUnmet) {
    public ThreeDDecision {
        Objects.requireNonNull(mode, "mode");
        qemuDisplay = qemuDisplay == null ? "" : qemuDisplay;
        Objects.requireNonNull(explanation, "explanation");
        if (mode != ThreeDMode.OFF && qemuDisplay.isEmpty()) throw new IllegalArgumentException("3-D mode " + mode + " needs a -display value");
    }

    public boolean accelerated() { return mode != ThreeDMode.OFF; }

    /**
     * What the console tab should say instead of (or above) the guest's screen, empty when the console shows the
     * guest as usual. In separate-window mode QEMU draws OpenGL frames only into its own window: they never reach
     * the VNC socket (measured with QEMU 7.2: the console stays black once the guest's virtio-gpu driver loads).
     */
    public String consoleNote(String vmName) {
        if (mode != ThreeDMode.SEPARATE_WINDOW) return "";
        return "3-D is on: the screen of '" + vmName + "' is in QEMU's own window \"QEMU (" + vmName + ")\". "
                + "This host has no render node, so QEMU cannot send OpenGL frames to this console.";
    }
}
