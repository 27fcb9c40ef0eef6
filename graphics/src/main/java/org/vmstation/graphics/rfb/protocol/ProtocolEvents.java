package org.vmstation.graphics.rfb.protocol;

import org.vmstation.graphics.framebuffer.DamageRect;
import org.vmstation.graphics.framebuffer.Framebuffer;
import org.vmstation.graphics.rfb.CursorImage;
import org.vmstation.graphics.rfb.LedState;
import org.vmstation.graphics.rfb.PointerMode;

/** What message and rectangle decoders report, and the framebuffer they draw into. */
public interface ProtocolEvents {

    Framebuffer framebuffer();

    /** DesktopSize or ExtendedDesktopSize changed the framebuffer size (already applied to {@link #framebuffer()}). */
    void desktopResized(int width, int height);

    /** The server sent ExtendedDesktopSize, so SetDesktopSize may be used, with this first screen's id and flags. */
    void extendedDesktopSizeSupported(int screenId, int screenFlags);

    void cursorChanged(CursorImage cursor);

    void ledStateChanged(LedState state);

    void pointerModeChanged(PointerMode mode);

    void extendedKeyEventSupported();

    /** A FramebufferUpdate message ended; {@code damage} is null if no pixels changed. */
    void updateComplete(DamageRect damage);

    void bell();

    void serverCutText(String text);

    /** An Extended Clipboard message body (flags onwards). */
    void extendedClipboard(java.nio.ByteBuffer payload) throws org.vmstation.graphics.rfb.RfbProtocolException;
}
