package org.vmstation.graphics.rfb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.vmstation.graphics.framebuffer.DamageRect;

/** Fans events out to registered listeners; a failing listener is logged and does not affect the others. */
final class ListenerList implements RfbSessionListener {

    private static final System.Logger LOG = System.getLogger(ListenerList.class.getName());

    private final List<RfbSessionListener> listeners = new CopyOnWriteArrayList<>();

    void add(RfbSessionListener listener) {
        listeners.add(listener);
    }

    void remove(RfbSessionListener listener) {
        listeners.remove(listener);
    }

    List<RfbSessionListener> snapshot() {
        return List.copyOf(listeners);
    }

    static void tellClosed(List<RfbSessionListener> targets, Throwable reason) {
        each(targets, l -> l.onClosed(reason));
    }

    private void each(Consumer<RfbSessionListener> call) {
        each(listeners, call);
    }

    private static void each(List<RfbSessionListener> targets, Consumer<RfbSessionListener> call) {
        for (RfbSessionListener l : targets) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "RFB session listener " + l + " failed", e);
            }
        }
    }

    @Override
    public void onFramebufferUpdate(DamageRect damage) {
        each(l -> l.onFramebufferUpdate(damage));
    }

    @Override
    public void onResize(int width, int height) {
        each(l -> l.onResize(width, height));
    }

    @Override
    public void onCursor(CursorImage cursor) {
        each(l -> l.onCursor(cursor));
    }

    @Override
    public void onLedState(LedState state) {
        each(l -> l.onLedState(state));
    }

    @Override
    public void onPointerModeChange(PointerMode mode) {
        each(l -> l.onPointerModeChange(mode));
    }

    @Override
    public void onBell() {
        each(RfbSessionListener::onBell);
    }

    @Override
    public void onClipboard(String text) {
        each(l -> l.onClipboard(text));
    }

}
