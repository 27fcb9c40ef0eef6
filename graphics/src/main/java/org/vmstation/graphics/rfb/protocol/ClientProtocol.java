package org.vmstation.graphics.rfb.protocol;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.vmstation.graphics.framebuffer.DamageRect;
import org.vmstation.graphics.framebuffer.Framebuffer;
import org.vmstation.graphics.rfb.CursorImage;
import org.vmstation.graphics.rfb.LedState;
import org.vmstation.graphics.rfb.PointerMode;
import org.vmstation.graphics.rfb.RfbClientOptions;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.RfbSessionListener;
import org.vmstation.graphics.rfb.ServerInit;
import org.vmstation.graphics.rfb.encodings.AlphaCursorDecoder;
import org.vmstation.graphics.rfb.encodings.CopyRectDecoder;
import org.vmstation.graphics.rfb.encodings.CursorDecoder;
import org.vmstation.graphics.rfb.encodings.DesktopSizeDecoder;
import org.vmstation.graphics.rfb.encodings.ExtendedDesktopSizeDecoder;
import org.vmstation.graphics.rfb.encodings.ExtendedKeyEventDecoder;
import org.vmstation.graphics.rfb.encodings.LedStateDecoder;
import org.vmstation.graphics.rfb.encodings.PointerTypeChangeDecoder;
import org.vmstation.graphics.rfb.encodings.RawDecoder;
import org.vmstation.graphics.rfb.encodings.RectangleDecoder;
import org.vmstation.graphics.rfb.encodings.ZrleDecoder;
import org.vmstation.graphics.rfb.messages.ServerMessageReader;

/**
 * The client side of one RFB connection, independent of any socket: fed server bytes through {@link #receive},
 * it answers through an {@link RfbOutput}, keeps the {@link Framebuffer} and server capabilities, and reports
 * events to a listener. After the handshake it sets the BGRX pixel format and encodings and keeps one
 * FramebufferUpdateRequest outstanding at all times.
 */
public final class ClientProtocol implements ProtocolEvents {

    private final RfbClientOptions options;
    private final RfbOutput out;
    private final RfbSessionListener listener;
    private final Handshake handshake;
    private final ZrleDecoder zrle = new ZrleDecoder();
    private final ExtendedClipboard clipboard;
    private ServerMessageReader messages;
    private volatile Framebuffer framebuffer;
    private volatile ServerInit serverInit;
    private volatile boolean extendedKeyEvents;
    private volatile boolean desktopResizeSupported;
    private volatile int screenId;
    private volatile int screenFlags;
    private volatile PointerMode pointerMode = PointerMode.ABSOLUTE;
    private volatile LedState ledState;
    private volatile CursorImage cursor;
    private boolean resizedDuringUpdate;
    private final Object updateMonitor = new Object();
    /** FramebufferUpdates that changed pixels (QEMU also sends updates holding only pseudo-encodings). */
    private long updatesCompleted;
    private long updateMessages;

    private final java.util.function.Consumer<ServerInit> onStarted;

    public ClientProtocol(RfbClientOptions options, RfbOutput out, RfbSessionListener listener) {
        this(options, out, listener, init -> { });
    }

    /** {@code onStarted} runs on the reader thread once ServerInit is in, before any later message is decoded. */
    public ClientProtocol(RfbClientOptions options, RfbOutput out, RfbSessionListener listener,
                          java.util.function.Consumer<ServerInit> onStarted) {
        this.onStarted = onStarted;
        this.options = options;
        this.out = out;
        this.listener = listener;
        this.handshake = new Handshake(out, options.password(), options.shared());
        this.clipboard = new ExtendedClipboard(out, listener::onClipboard);
    }

    /** Consumes all of {@code in}. Throws on anything malformed; the caller must then close the connection. */
    public void receive(ByteBuffer in) throws RfbProtocolException {
        if (messages == null) {
            handshake.read(in);
            if (!handshake.isDone()) return;
            startSession(handshake.result());
        }
        messages.read(in, this);
    }

    private void startSession(ServerInit init) {
        framebuffer = new Framebuffer(init.width(), init.height());
        Map<Integer, RectangleDecoder> decoders = new HashMap<>();
        decoders.put(Encodings.RAW, new RawDecoder());
        decoders.put(Encodings.COPY_RECT, new CopyRectDecoder());
        decoders.put(Encodings.ZRLE, zrle);
        decoders.put(Encodings.CURSOR, new CursorDecoder());
        decoders.put(Encodings.ALPHA_CURSOR, new AlphaCursorDecoder());
        decoders.put(Encodings.DESKTOP_SIZE, new DesktopSizeDecoder());
        decoders.put(Encodings.EXTENDED_DESKTOP_SIZE, new ExtendedDesktopSizeDecoder());
        decoders.put(Encodings.QEMU_EXTENDED_KEY_EVENT, new ExtendedKeyEventDecoder());
        decoders.put(Encodings.QEMU_LED_STATE, new LedStateDecoder());
        decoders.put(Encodings.QEMU_POINTER_TYPE_CHANGE, new PointerTypeChangeDecoder());
        // Only what was advertised may arrive; anything else is a protocol violation.
        Map<Integer, RectangleDecoder> advertised = new HashMap<>();
        for (int e : options.advertisedEncodings()) {
            if (decoders.containsKey(e)) advertised.put(e, decoders.get(e));
        }
        messages = new ServerMessageReader(advertised);
        out.send(ClientMessages.setPixelFormat(PixelFormat.BGRX_32));
        out.send(ClientMessages.setEncodings(options.advertisedEncodings()));
        out.send(ClientMessages.framebufferUpdateRequest(false, 0, 0, init.width(), init.height()));
        serverInit = init;
        onStarted.accept(init);
    }

    /** The ServerInit, or null while the handshake is still running. */
    public ServerInit serverInit() {
        return serverInit;
    }

    @Override
    public Framebuffer framebuffer() {
        return framebuffer;
    }

    public boolean supportsExtendedKeyEvents() {
        return extendedKeyEvents;
    }

    public boolean supportsDesktopResize() {
        return desktopResizeSupported;
    }

    public int screenId() {
        return screenId;
    }

    public int screenFlags() {
        return screenFlags;
    }

    public PointerMode pointerMode() {
        return pointerMode;
    }

    public LedState ledState() {
        return ledState;
    }

    public CursorImage cursor() {
        return cursor;
    }

    /** Waits until at least {@code count} FramebufferUpdates that changed pixels were applied; false on timeout. */
    public boolean awaitUpdates(long count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (updateMonitor) {
            while (updatesCompleted < count) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) return false;
                updateMonitor.wait(left);
            }
            return true;
        }
    }

    public long updatesCompleted() {
        synchronized (updateMonitor) {
            return updatesCompleted;
        }
    }

    /** Every FramebufferUpdate message so far, including pseudo-encoding-only ones. */
    public long updateMessages() {
        synchronized (updateMonitor) {
            return updateMessages;
        }
    }

    /** Frees native resources (the zlib stream). */
    public void dispose() {
        zrle.close();
    }

    @Override
    public void desktopResized(int width, int height) {
        resizedDuringUpdate = true;
        listener.onResize(width, height);
    }

    @Override
    public void extendedDesktopSizeSupported(int id, int flags) {
        screenId = id;
        screenFlags = flags;
        desktopResizeSupported = true;
    }

    @Override
    public void cursorChanged(CursorImage newCursor) {
        cursor = newCursor;
        listener.onCursor(newCursor);
    }

    @Override
    public void ledStateChanged(LedState state) {
        ledState = state;
        listener.onLedState(state);
    }

    @Override
    public void pointerModeChanged(PointerMode mode) {
        pointerMode = mode;
        listener.onPointerModeChange(mode);
    }

    @Override
    public void extendedKeyEventSupported() {
        extendedKeyEvents = true;
    }

    @Override
    public void updateComplete(DamageRect damage) {
        Framebuffer fb = framebuffer;
        // After a resize the server expects a full (non-incremental) request for the new size.
        out.send(ClientMessages.framebufferUpdateRequest(!resizedDuringUpdate, 0, 0, fb.width(), fb.height()));
        resizedDuringUpdate = false;
        synchronized (updateMonitor) {
            updateMessages++;
            if (damage != null) updatesCompleted++;
            updateMonitor.notifyAll();
        }
        if (damage != null) listener.onFramebufferUpdate(damage);
    }

    @Override
    public void extendedClipboard(ByteBuffer payload) throws RfbProtocolException {
        clipboard.handle(payload);
    }

    /** Puts text on the guest clipboard: via Extended Clipboard when the server supports it, else ClientCutText. */
    public void sendClipboard(String text) {
        if (clipboard.isActive()) {
            clipboard.offerText(text);
        } else {
            out.send(ClientMessages.clientCutText(text));
        }
    }

    @Override
    public void bell() {
        listener.onBell();
    }

    @Override
    public void serverCutText(String text) {
        listener.onClipboard(text);
    }
}
