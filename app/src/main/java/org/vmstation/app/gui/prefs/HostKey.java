package org.vmstation.app.gui.prefs;

/**
 * The key combination that takes the mouse and keyboard back from a VM's console (the "host key"). JavaFX cannot
 * tell the left Ctrl key from the right one, so VirtualBox's Right Ctrl is not offered.
 *
 * @param trigger the key that completes the combination, upper case ("G"), or empty when pressing the modifiers
 *                together is enough
 */
public enum HostKey {
    CTRL_ALT("Ctrl+Alt", true, true, false, ""),
    CTRL_ALT_G("Ctrl+Alt+G", true, true, false, "G"),
    CTRL_SHIFT("Ctrl+Shift", true, false, true, "");

    private final String label;
    private final boolean ctrl;
    private final boolean alt;
    private final boolean shift;
    private final String trigger;

    HostKey(String label, boolean ctrl, boolean alt, boolean shift, String trigger) {
        this.label = label;
        this.ctrl = ctrl;
        this.alt = alt;
        this.shift = shift;
        this.trigger = trigger;
    }

    public String label() { return label; }

    /**
     * Whether a key press completes this combination.
     *
     * @param keyName the pressed key's name as JavaFX names it ("Ctrl", "Alt", "Shift", "G", ...)
     */
    public boolean matches(boolean ctrlDown, boolean altDown, boolean shiftDown, String keyName) {
        if (ctrlDown != ctrl || altDown != alt || (shift && !shiftDown)) return false;
        if (!trigger.isEmpty()) return trigger.equalsIgnoreCase(keyName);
        // pressing the last of the modifiers completes a modifier-only combination
        return switch (keyName) {
            case "Ctrl" -> ctrl;
            case "Alt" -> alt;
            case "Shift" -> shift;
            default -> false;
        };
    }

    @Override
    public String toString() { return label; }
}
