package org.vmstation.app.gui.prefs;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The preferences the window runs with now, for the parts that apply them (theme, console host key, close
 * dialog, file choosers) to bind to. {@link #desktopPrefersDark} is filled in off the JavaFX thread by whoever
 * asks the desktop ({@link DesktopTheme}).
 */
public final class AppliedPreferences {
    private final ObjectProperty<Preferences> current = new SimpleObjectProperty<>(this, "current", Preferences.DEFAULTS);
    private final BooleanProperty desktopPrefersDark = new SimpleBooleanProperty(this, "desktopPrefersDark");
    private final BooleanBinding dark = Bindings.createBooleanBinding(
            () -> current.get().theme().isDark(desktopPrefersDark.get()), current, desktopPrefersDark);

    public AppliedPreferences(Preferences initial) { current.set(initial); }

    public ObjectProperty<Preferences> currentProperty() { return current; }
    public Preferences get() { return current.get(); }
    public BooleanProperty desktopPrefersDarkProperty() { return desktopPrefersDark; }
    /** Whether the window should be dark now. */
    public BooleanBinding darkProperty() { return dark; }
}
