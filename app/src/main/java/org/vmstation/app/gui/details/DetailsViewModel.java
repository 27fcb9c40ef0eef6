package org.vmstation.app.gui.details;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vmstation.app.gui.form.DefinitionForm;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.DiskImages;
import org.vmstation.app.gui.service.VmCatalog;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.VmDefinition;

/**
 * The details pane of the selected VM: summary lines (disk sizes measured in the background), notes and tags
 * edited in place and saved to the library.
 */
public final class DetailsViewModel {
    private final VmCatalog catalog;
    private final DiskImages disks;
    private final TaskExecutor executor;
    private final NotificationCenter notifications;
    private final Function<String, String> osLabels;
    private final Consumer<VmDefinition> onSaved;
    private final ObjectProperty<VmItem> vm = new SimpleObjectProperty<>(this, "vm");
    private final ObservableList<SummaryRow> summary = FXCollections.observableArrayList();
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final StringProperty notes = new SimpleStringProperty(this, "notes", "");
    private final BooleanProperty notesDirty = new SimpleBooleanProperty(this, "notesDirty");
    private final Map<String, Long> diskSizes = new HashMap<>();
    private final ChangeListener<VmDefinition> definitionListener = (o, a, b) -> show(b, false);
    private boolean loadingNotes;

    public DetailsViewModel(VmCatalog catalog, DiskImages disks, TaskExecutor executor, NotificationCenter notifications,
                            Function<String, String> osLabels, Consumer<VmDefinition> onSaved) {
        this.catalog = catalog;
        this.disks = disks;
        this.executor = executor;
        this.notifications = notifications;
        this.osLabels = osLabels;
        this.onSaved = onSaved;
        vm.addListener((o, old, now) -> {
            if (old != null) old.definitionProperty().removeListener(definitionListener);
            diskSizes.clear();
            if (now != null) {
                now.definitionProperty().addListener(definitionListener);
                show(now.definition(), true);
            } else {
                summary.clear();
                tags.clear();
                setNotes("");
            }
        });
        notes.addListener((o, a, b) -> { if (!loadingNotes) notesDirty.set(!b.equals(current() == null ? "" : current().notes())); });
    }

    private VmDefinition current() { return vm.get() == null ? null : vm.get().definition(); }

    private void show(VmDefinition d, boolean measure) {
        summary.setAll(SummaryFormatter.rows(d, osLabels.apply(d.osType()), diskSizes));
        tags.setAll(d.tags());
        if (!notesDirty.get()) setNotes(d.notes());
        if (measure) measureDisks(d);
    }

    private void setNotes(String text) {
        loadingNotes = true;
        notes.set(text);
        loadingNotes = false;
        notesDirty.set(false);
    }

    private void measureDisks(VmDefinition d) {
        for (DiskSpec disk : d.disks()) {
            executor.execute(BackgroundTask.of("Measuring " + disk.path(), p -> {
                        try {
                            // relative paths (created and imported disks) live in the VM's folder
                            Path path = Path.of(disk.path());
                            return disks.sizeOnDisk(path.isAbsolute() ? path : catalog.vmFolder(d.id()).resolve(path));
                        } catch (java.nio.file.NoSuchFileException e) {
                            return -1L;
                        }
                    })
                    .onSuccess(size -> {
                        diskSizes.put(disk.path(), size);
                        if (current() != null && current().id().equals(d.id())) {
                            summary.setAll(SummaryFormatter.rows(current(), osLabels.apply(current().osType()), diskSizes));
                        }
                    })
                    .onFailure(e -> diskSizes.put(disk.path(), -1L)));
        }
    }

    public void saveNotes() {
        VmDefinition d = current();
        if (d == null || !notesDirty.get()) return;
        save(d.toBuilder().notes(notes.get()).build(), "notes");
    }

    /** Adds tags typed as "a, b"; ignores ones the VM has already. */
    public void addTags(String text) {
        VmDefinition d = current();
        if (d == null) return;
        List<String> now = new ArrayList<>(d.tags());
        for (String t : DefinitionForm.splitTags(text)) {
            if (now.stream().noneMatch(x -> x.equalsIgnoreCase(t))) now.add(t);
        }
        if (!now.equals(d.tags())) save(d.withTags(now), "tags");
    }

    public void removeTag(String tag) {
        VmDefinition d = current();
        if (d == null) return;
        List<String> now = new ArrayList<>(d.tags());
        if (now.remove(tag)) save(d.withTags(now), "tags");
    }

    private void save(VmDefinition updated, String what) {
        executor.execute(BackgroundTask.ofRunnable("Saving " + what + " of " + updated.name(), () -> catalog.update(updated))
                .onSuccess(r -> {
                    if (what.equals("notes")) notesDirty.set(false);
                    onSaved.accept(updated);
                })
                .onFailure(e -> notifications.error("Could not save the " + what + " of " + updated.name(), e)));
    }

    public ObjectProperty<VmItem> vmProperty() { return vm; }
    public ObservableList<SummaryRow> summary() { return summary; }
    public ObservableList<String> tags() { return tags; }
    public StringProperty notesProperty() { return notes; }
    public BooleanProperty notesDirtyProperty() { return notesDirty; }
}
