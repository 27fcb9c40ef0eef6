package org.vmstation.graphics.rfb;

/** Upper bounds on lengths a server may announce; anything larger is treated as a malformed stream. */
public final class RfbLimits {

    private RfbLimits() {
    }

    /** Largest framebuffer width or height. */
    public static final int MAX_DIMENSION = 16384;
    /** Largest clipboard text accepted from the server. */
    public static final int MAX_CUT_TEXT = 1 << 20;
    /** Largest desktop name or failure reason string. */
    public static final int MAX_STRING = 64 * 1024;
    /** Largest cursor width or height. */
    public static final int MAX_CURSOR_DIMENSION = 1024;
    /** Largest compressed ZRLE payload for one rectangle. */
    public static final int MAX_ZRLE_COMPRESSED = 64 << 20;
    /** Largest QEMU audio data chunk (audio is never requested, but is parsed and dropped if sent). */
    public static final int MAX_AUDIO_CHUNK = 1 << 20;
}
