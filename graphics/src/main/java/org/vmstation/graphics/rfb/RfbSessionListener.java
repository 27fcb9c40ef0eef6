package org.vmstation.graphics.rfb;

import org.vmstation.graphics.framebuffer.DamageRect;

/**
 * Events from an RFB session. All methods are called on the connection's reader thread, in protocol order;
 * UI code must hand them to its own thread and return quickly. An exception thrown here is logged, not fatal.
 */
public interface RfbSessionListener {

    /** A complete FramebufferUpdate was applied; {@code damage} bounds every changed pixel. */
    default void onFramebufferUpdate(DamageRect damage) {
    }

    default void onResize(int width, int height) {
    }

    default void onCursor(CursorImage cursor) {
    }

    default void onLedState(LedState state) {
    }

    default void onPointerModeChange(PointerMode mode) {
    }

    default void onBell() {
    }

    default void onClipboard(String text) {
    }

    /** The connection ended; {@code reason} is null for a local close, else why (often {@link RfbProtocolException}). */
    default void onClosed(Throwable reason) {
    }
}
