package org.vmstation.graphics.gl;

import java.util.Objects;

/**
 * What happened when QEMU itself was asked to set up one OpenGL display type on this host. QEMU initialises
 * the OpenGL of {@code -display gtk,gl=on} and {@code -display egl-headless} before it creates any device, so a
 * run with a device that does not exist tells whether that step passed without starting a VM.
 *
 * @param detail QEMU's own words when it failed, empty otherwise
 */
public record QemuGlCheck(Outcome outcome, String detail) {
    public enum Outcome {
        /** QEMU got past its OpenGL set-up. */
        PASSED,
        /** QEMU refused; {@link #detail} has its message. */
        FAILED,
        /** Not tried: nothing to try it on, or QEMU lacks the display type. */
        NOT_TRIED
    }

    public QemuGlCheck {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail.strip();
    }

    public static QemuGlCheck passed() { return new QemuGlCheck(Outcome.PASSED, ""); }

    public static QemuGlCheck failed(String qemuSays) { return new QemuGlCheck(Outcome.FAILED, qemuSays); }

    public static QemuGlCheck notTried() { return new QemuGlCheck(Outcome.NOT_TRIED, ""); }

    public boolean hasPassed() { return outcome == Outcome.PASSED; }

    public boolean hasFailed() { return outcome == Outcome.FAILED; }
}
