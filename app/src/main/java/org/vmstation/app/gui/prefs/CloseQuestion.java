package org.vmstation.app.gui.prefs;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The question "VMs still run: what now?" asked as the window closes, with its "Remember my choice" box. A
 * remembered answer becomes the close behaviour in the saved preferences (the same setting as Edit › Preferences ›
 * Window), so the next close does it without asking. Plain Java: unit-tested without a toolkit.
 */
public final class CloseQuestion {
    private final PreferencesStore store;
    private final Consumer<Preferences> applied;
    private final BooleanProperty remember = new SimpleBooleanProperty(this, "remember", false);

    /**
     * @param store   where the preferences are saved (the window's store)
     * @param applied told the preferences as saved, to apply them to the open window; may do nothing
     */
    public CloseQuestion(PreferencesStore store, Consumer<Preferences> applied) {
        this.store = Objects.requireNonNull(store, "store");
        this.applied = Objects.requireNonNull(applied, "applied");
    }

    /** Whether the answer should be kept as the close behaviour. */
    public BooleanProperty rememberProperty() { return remember; }

    /**
     * Records the user's answer: {@code chosen} is what to do with the running VMs, or empty when the user cancelled
     * the close (never remembered: "Ask every time" stays). With "Remember my choice" ticked the close behaviour is
     * written to the store, keeping every other preference as the file has it. Runs on the caller's thread: the
     * window is closing, and a write of a few hundred bytes done before it goes cannot be lost with it.
     *
     * @return why the choice could not be remembered, or empty when it was (or did not need to be)
     */
    public Optional<String> answer(Optional<CloseBehaviour> chosen) {
        if (chosen.isEmpty() || !remember.get()) return Optional.empty();
        CloseBehaviour behaviour = chosen.get();
        if (behaviour == CloseBehaviour.ASK) throw new IllegalArgumentException("the answer to the close question cannot be 'ask'");
        Preferences updated = store.load().preferences().withCloseBehaviour(behaviour);
        try {
            store.save(updated);
        } catch (IOException e) {
            return Optional.of("Could not remember the choice in " + store.file() + ": " + e.getMessage()
                    + ". VMStation will ask again next time.");
        }
        applied.accept(updated);
        return Optional.empty();
    }
}
