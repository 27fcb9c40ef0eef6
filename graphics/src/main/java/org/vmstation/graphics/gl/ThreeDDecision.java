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
}
