package org.vmstation.graphics.input;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.input.KeyCode;

/**
 * Turns host key presses and releases into guest key events and remembers which keys the guest believes are
 * down, so that losing focus can release them all (otherwise the guest sees a stuck Ctrl or Alt).
 * Not thread-safe: use from the JavaFX thread.
 */
public final class KeyboardForwarder {

    private final KeySink sink;
    private final Map<Integer, KeyMapping> held = new LinkedHashMap<>();

    public KeyboardForwarder(KeySink sink) {
        this.sink = sink;
    }

    /** Forwards a press (auto-repeat presses are forwarded too, as a real keyboard repeats). False if unmapped. */
    public boolean press(KeyCode code) {
        KeyMapping key = FxKeyCodes.lookup(code);
        if (key == null) return false;
        held.put(key.scancode(), key);
        return sink.sendKey(key.keysym(), key.scancode(), true);
    }

    /** Forwards a release; false if unmapped. */
    public boolean release(KeyCode code) {
        KeyMapping key = FxKeyCodes.lookup(code);
        if (key == null) return false;
        held.remove(key.scancode());
        return sink.sendKey(key.keysym(), key.scancode(), false);
    }

    /** Releases every key still held in the guest, newest first. */
    public void releaseAll() {
        var keys = new java.util.ArrayList<>(held.values());
        held.clear();
        for (int i = keys.size() - 1; i >= 0; i--) {
            KeyMapping key = keys.get(i);
            sink.sendKey(key.keysym(), key.scancode(), false);
        }
    }

    public int heldCount() {
        return held.size();
    }

    /**
     * Sends a key combination as presses in order then releases in reverse, e.g. Ctrl+Alt+Delete for a menu item.
     */
    public void tap(KeyCode... combination) {
        for (KeyCode c : combination) press(c);
        for (int i = combination.length - 1; i >= 0; i--) release(combination[i]);
    }
}
