package org.vmstation.engine.runtime;

/**
 * How to start a VM.
 *
 * @param headless     no window of QEMU's own (the console is reached over VNC)
 * @param startPaused  leave the CPUs stopped after start (for debugging and tests)
 */
public record StartOptions(boolean headless, boolean startPaused) {
    public static StartOptions defaults() { return new StartOptions(true, false); }
}
