package org.vmstation.app.gui.prefs;

/** The window's colours. */
public enum Theme {
    SYSTEM("Follow the desktop"),
    LIGHT("Light"),
    DARK("Dark");

    private final String label;

    Theme(String label) { this.label = label; }

    public String label() { return label; }

    /** Whether the window is dark, given what the desktop prefers (only {@link #SYSTEM} asks it). */
    public boolean isDark(boolean desktopPrefersDark) {
        return this == DARK || (this == SYSTEM && desktopPrefersDark);
    }

    @Override
    public String toString() { return label; }
}
