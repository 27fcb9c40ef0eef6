package org.vmstation.app.gui.library;

import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;

/**
 * One row of the library list. The instance stays the same while its VM changes, so selection and list cells
 * survive reloads and state updates.
 */
public final class VmItem {
    private final String id;
    private final ObjectProperty<VmDefinition> definition = new SimpleObjectProperty<>(this, "definition");
    private final ObjectProperty<VmState> state = new SimpleObjectProperty<>(this, "state", VmState.STOPPED);
    private final StringProperty stateDetail = new SimpleStringProperty(this, "stateDetail", "");
    private volatile Instant createdAt;
    private volatile Instant lastRunAt;
    /** Lower-cased name, OS, tags and notes: searching 10,000 VMs per keystroke must not allocate per row. */
    private String searchable = "";

    public VmItem(VmEntry entry) {
        this.id = entry.id();
        update(entry);
        state.set(entry.lastKnownState());
    }

    /** Takes the stored definition and timestamps; the live state comes from the host, not from here. */
    public void update(VmEntry entry) {
        if (!entry.id().equals(id)) throw new IllegalArgumentException("entry " + entry.id() + " is not VM " + id);
        definition.set(entry.definition());
        createdAt = entry.createdAt();
        lastRunAt = entry.lastRunAt();
        VmDefinition d = entry.definition();
        searchable = (d.name() + "\n" + d.osType() + "\n" + String.join("\n", d.tags()) + "\n" + d.notes()).toLowerCase(Locale.ROOT);
    }

    public String id() { return id; }
    public VmDefinition definition() { return definition.get(); }
    public ReadOnlyObjectProperty<VmDefinition> definitionProperty() { return definition; }
    public void setDefinition(VmDefinition d) { definition.set(d); }
    public String name() { return definition.get().name(); }
    public VmState state() { return state.get(); }
    public ObjectProperty<VmState> stateProperty() { return state; }
    public StringProperty stateDetailProperty() { return stateDetail; }
    public Instant createdAt() { return createdAt; }
    public Instant lastRunAt() { return lastRunAt; }

    boolean matches(String lowerCaseText) { return searchable.contains(lowerCaseText); }

    @Override
    public String toString() { return name() + " (" + state.get() + ")"; }
}
