package org.vmstation.graphics.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vmstation.graphics.framebuffer.Framebuffer;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;
import org.vmstation.graphics.rfb.protocol.ClientMessages;
import org.vmstation.graphics.rfb.protocol.ClientProtocol;
import org.vmstation.graphics.rfb.transport.RfbTransport;

/**
 * A live connection to a VNC server: the decoded screen, the server's capabilities, input methods and events.
 * Input methods may be called from any thread (including the JavaFX thread): they only queue messages.
 */
public final class RfbSession implements AutoCloseable {

    /** Offset QEMU subtracts from pointer coordinates in relative mode. */
    private static final int RELATIVE_CENTER = 0x7FFF;

    private final RfbTransport transport;
    private final ClientProtocol protocol;
    private final ListenerList listeners = new ListenerList();
    private final CompletableFuture<ServerInit> started = new CompletableFuture<>();
    private volatile boolean open = true;
    private volatile Throwable closeReason;

    RfbSession(RfbTransport transport, RfbClientOptions options) {
        this.transport = transport;
        this.protocol = new ClientProtocol(options, transport::send, listeners, started::complete);
    }

    void start() {
        transport.start(new RfbTransport.Receiver() {
            @Override
            public void received(ByteBuffer chunk) throws IOException {
                protocol.receive(chunk);
            }

            @Override
            public void closed(Throwable reason) {
                List<RfbSessionListener> toTell;
                synchronized (listeners) {
                    closeReason = reason;
                    open = false;
                    toTell = listeners.snapshot();
                }
                started.completeExceptionally(reason != null ? reason
                        : new IOException("connection closed during the RFB handshake"));
                ListenerList.tellClosed(toTell, reason);
            }
        });
    }

    CompletableFuture<ServerInit> started() {
        return started;
    }

    public ServerInit serverInit() {
        return protocol.serverInit();
    }

    public FramebufferSize framebufferSize() {
        Framebuffer fb = protocol.framebuffer();
        return new FramebufferSize(fb.width(), fb.height());
    }

    /** The live framebuffer, written by the reader thread; renderers take damage and copy from it. */
    public Framebuffer framebuffer() {
        return protocol.framebuffer();
    }

    public FramebufferSnapshot snapshot() {
        return protocol.framebuffer().snapshot();
    }

    public void writePng(Path file) throws IOException {
        snapshot().writePng(file);
    }

    /**
     * Waits until {@code count} screen updates (FramebufferUpdates that changed pixels) have arrived since
     * connecting; the first one is the whole screen.
     */
    public boolean awaitUpdates(long count, Duration timeout) throws InterruptedException {
        return protocol.awaitUpdates(count, timeout.toMillis());
    }

    public long updatesReceived() {
        return protocol.updatesCompleted();
    }

    /** Sends a key by X11 keysym (plain RFB KeyEvent). */
    public void sendKeysym(int keysym, boolean down) {
        transport.send(ClientMessages.keyEvent(down, keysym));
    }

    /**
     * Sends a key by PC XT scancode (0xE0-prefixed keys as 0x80 | code) using QEMU's extended key event, with
     * {@code keysym} as a hint (0 if unknown). Falls back to a plain KeyEvent with the keysym when the server did not
     * acknowledge extended key events; returns false if nothing could be sent.
     */
    public boolean sendKey(int keysym, int scancode, boolean down) {
        if (protocol.supportsExtendedKeyEvents() && scancode != 0) {
            transport.send(ClientMessages.qemuExtendedKeyEvent(down, keysym, scancode));
            return true;
        }
        if (keysym != 0) {
            sendKeysym(keysym, down);
            return true;
        }
        return false;
    }

    /** Sends a scancode-only key event; false if the server does not support QEMU extended key events. */
    public boolean sendScancode(int scancode, boolean down) {
        return sendKey(0, scancode, down);
    }

    /**
     * Absolute pointer position in framebuffer pixels (clamped) with button mask: bit 0 left, 1 middle, 2 right,
     * 3/4 wheel up/down, 5/6 wheel left/right.
     */
    public void sendPointer(int x, int y, int buttons) {
        Framebuffer fb = protocol.framebuffer();
        int cx = Math.clamp(x, 0, Math.max(0, fb.width() - 1));
        int cy = Math.clamp(y, 0, Math.max(0, fb.height() - 1));
        transport.send(ClientMessages.pointerEvent(buttons, cx, cy));
    }

    /** Relative motion for guests in {@link PointerMode#RELATIVE} (QEMU reads coordinates as 0x7FFF + delta). */
    public void sendRelativePointer(int dx, int dy, int buttons) {
        int x = Math.clamp(RELATIVE_CENTER + dx, 0, 0xFFFF);
        int y = Math.clamp(RELATIVE_CENTER + dy, 0, 0xFFFF);
        transport.send(ClientMessages.pointerEvent(buttons, x, y));
    }

    /** Asks the server to change the guest screen size; false if it does not support SetDesktopSize. */
    public boolean requestResize(int width, int height) {
        if (width < 1 || height < 1 || width > RfbLimits.MAX_DIMENSION || height > RfbLimits.MAX_DIMENSION) {
            throw new IllegalArgumentException("requested size " + width + "x" + height + " outside 1.."
                    + RfbLimits.MAX_DIMENSION);
        }
        if (!protocol.supportsDesktopResize()) return false;
        transport.send(ClientMessages.setDesktopSize(width, height, protocol.screenId(), protocol.screenFlags()));
        return true;
    }

    /**
     * Sends text to the guest clipboard: as UTF-8 through Extended Clipboard when the server offers it (QEMU does),
     * otherwise as ISO-8859-1 ClientCutText.
     */
    public void sendClipboard(String text) {
        protocol.sendClipboard(text);
    }

    public boolean supportsResize() {
        return protocol.supportsDesktopResize();
    }

    public boolean supportsExtendedKeyEvents() {
        return protocol.supportsExtendedKeyEvents();
    }

    public PointerMode pointerMode() {
        return protocol.pointerMode();
    }

    /** Last LED state, or null if the server never sent one. */
    public LedState ledState() {
        return protocol.ledState();
    }

    /** Last cursor shape, or null if the server never sent one. */
    public CursorImage cursor() {
        return protocol.cursor();
    }

    /** Adds a listener; if the session has already closed, it is told so at once (on the calling thread). */
    public void addListener(RfbSessionListener listener) {
        synchronized (listeners) {
            if (open) {
                listeners.add(listener);
                return;
            }
        }
        ListenerList.tellClosed(List.of(listener), closeReason);
    }

    public void removeListener(RfbSessionListener listener) {
        listeners.remove(listener);
    }

    public boolean isOpen() {
        return open;
    }

    /** Why the session closed (null while open or after a local close). */
    public Throwable closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        transport.close();
    }
}
