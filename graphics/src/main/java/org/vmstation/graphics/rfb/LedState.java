package org.vmstation.graphics.rfb;

/** Keyboard lock LEDs as reported by the guest through QEMU's LED state pseudo-encoding. */
public record LedState(boolean capsLock, boolean numLock, boolean scrollLock) {

    /** Decodes QEMU's bit layout: bit 2 caps, bit 1 num, bit 0 scroll. */
    public static LedState fromBits(int bits) {
        return new LedState((bits & 4) != 0, (bits & 2) != 0, (bits & 1) != 0);
    }
}
