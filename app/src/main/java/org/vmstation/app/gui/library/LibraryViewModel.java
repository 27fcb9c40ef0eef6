package org.vmstation.app.gui.library;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.vmstation.app.gui.service.VmCatalog;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.engine.runtime.VmStatus;

/**
 * The library pane's state: every VM, the search text, state and tag filters and the sort order. Filtering runs
 * in memory on each keystroke; the database is read only on load and on changes.
 */
public final class LibraryViewModel {
    public static final String ALL_TAGS = "All tags";

    private final VmCatalog catalog;
    private final TaskExecutor executor;
    private final ObservableList<VmItem> items = FXCollections.observableArrayList(
            i -> new javafx.beans.Observable[] {i.stateProperty(), i.definitionProperty()});
    private final FilteredList<VmItem> filtered = new FilteredList<>(items);
    private final SortedList<VmItem> sorted = new SortedList<>(filtered);
    private final Map<String, VmItem> byId = new HashMap<>();
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ObjectProperty<StateFilter> stateFilter = new SimpleObjectProperty<>(this, "stateFilter", StateFilter.ALL);
    private final StringProperty tagFilter = new SimpleStringProperty(this, "tagFilter", ALL_TAGS);
    private final ObjectProperty<SortOrder> sortOrder = new SimpleObjectProperty<>(this, "sortOrder", SortOrder.NAME);
    private final ObservableList<String> tagChoices = FXCollections.observableArrayList(ALL_TAGS);
    private final BooleanProperty loaded = new SimpleBooleanProperty(this, "loaded");
    /**
     * The entries the list was last brought in line with, while nothing else changed it since. The catalog hands
     * out the same list while the library is unchanged, so a merge of this very list has nothing to do.
     */
    private List<VmEntry> inLineWith;
    /** A {@link #reload} is reading the library and making its rows off the JavaFX thread. */
    private boolean reloading;
    /** The library is being read for the list and no rows have come yet: the list says so instead of "no VMs". */
    private final BooleanProperty reading = new SimpleBooleanProperty(this, "reading");
    /** A read that arrived while the reload was under way, merged after it (it may be the newer one). */
    private List<VmEntry> arrivedWhileReloading;

    public LibraryViewModel(VmCatalog catalog, TaskExecutor executor) {
        this.catalog = catalog;
        this.executor = executor;
        searchText.addListener((o, a, b) -> refilter());
        stateFilter.addListener((o, a, b) -> refilter());
        tagFilter.addListener((o, a, b) -> refilter());
        sortOrder.addListener((o, a, b) -> sorted.setComparator(b.comparator()));
        sorted.setComparator(sortOrder.get().comparator());
    }

    /** The VMs to show: filtered and sorted. */
    public ObservableList<VmItem> visibleItems() { return sorted; }
    public ObservableList<VmItem> allItems() { return FXCollections.unmodifiableObservableList(items); }
    public StringProperty searchTextProperty() { return searchText; }
    public ObjectProperty<StateFilter> stateFilterProperty() { return stateFilter; }
    public StringProperty tagFilterProperty() { return tagFilter; }
    public ObjectProperty<SortOrder> sortOrderProperty() { return sortOrder; }
    public ObservableList<String> tagChoices() { return tagChoices; }
    public BooleanProperty loadedProperty() { return loaded; }
    /** True while the library is read for a list that has no rows yet (the first read, or one after all were gone). */
    public javafx.beans.property.ReadOnlyBooleanProperty readingProperty() { return reading; }

    public VmItem find(String id) { return byId.get(id); }

    /**
     * Reads the library in the background and merges it into the list. The rows of a first load are made and
     * sorted in the background too, so the JavaFX thread only hands a ready list to the view.
     */
    public void reload() {
        Comparator<VmItem> order = sortOrder.get().comparator();
        reloading = true;
        if (items.isEmpty()) reading.set(true);
        executor.execute(BackgroundTask.of("Reading the VM library", p -> prepare(catalog.list(), order)).onSuccess(this::load)
                .onFinally(() -> {
                    reloading = false;
                    reading.set(false);
                }));
    }

    /** The library as read, and rows made from it off the JavaFX thread (no list or view holds them yet). */
    public record Prepared(List<VmEntry> entries, List<VmItem> rows) {}

    /**
     * Reads the library and makes its rows in the default order, on the calling thread (not the JavaFX thread):
     * a launcher does this while the toolkit starts, so the window's first frame can show the rows.
     */
    public static Prepared readAhead(VmCatalog catalog) throws Exception {
        return prepare(catalog.list(), SortOrder.NAME.comparator());
    }

    /**
     * The first load of the list from a read the launcher started ({@link #readAhead}): at once when it has
     * finished (the first frame then has the rows), else when it finishes; the JavaFX thread never waits for it.
     * A read that failed is done again by {@link #reload}, which reports the failure. Null: {@link #reload}.
     */
    public void loadFirst(java.util.concurrent.CompletableFuture<Prepared> ahead) {
        if (ahead == null) {
            reload();
        } else if (ahead.isDone() && !ahead.isCompletedExceptionally()) {
            load(ahead.join());
        } else {
            reloading = true; // what the state monitor merges meanwhile waits for these rows, as during a reload
            reading.set(true);
            ahead.whenComplete((rows, error) -> executor.runOnUiThread(() -> {
                reloading = false;
                reading.set(false);
                if (error == null) load(rows);
                else reload();
            }));
        }
    }

    private static Prepared prepare(List<VmEntry> entries, Comparator<VmItem> order) {
        List<VmItem> rows = new ArrayList<>(entries.size());
        for (VmEntry e : entries) rows.add(new VmItem(e));
        // presorted, the sorted view's own sort of the whole list is one linear pass
        rows.sort(order);
        return new Prepared(entries, rows);
    }

    private void load(Prepared prepared) {
        List<VmEntry> arrived = arrivedWhileReloading;
        arrivedWhileReloading = null;
        if (!items.isEmpty() || loaded.get()) {
            merge(prepared.entries()); // something was merged meanwhile: the rows made in the background may be stale
        } else {
            for (VmItem item : prepared.rows()) byId.put(item.id(), item);
            fill(prepared.rows());
            inLineWith = prepared.entries();
        }
        if (arrived != null) merge(arrived); // nothing to do when it is the same read (the catalog's cache)
    }

    /** Fills the empty list with {@code rows}: filter first, then one change, so each row is filtered once and the list sorted once. */
    private void fill(List<VmItem> rows) {
        rows.sort(sortOrder.get().comparator()); // linear when presorted; makes the sorted view's sort linear too
        refreshTags(rows);
        refilter();
        items.setAll(rows);
        loaded.set(true);
    }

    /**
     * Brings the list in line with the library: new VMs appear, deleted ones go, changed definitions update in
     * place. Live states are left alone unless the VM is new.
     */
    public void merge(List<VmEntry> entries) {
        if (entries == inLineWith && loaded.get()) return; // the same read again (the state monitor's first poll)
        // the first rows come from the reload under way, made off the JavaFX thread; making them here from another
        // read (the state monitor's first poll, often first) would cost the JavaFX thread 10,000 rows' work
        if (items.isEmpty() && reloading) {
            arrivedWhileReloading = entries;
            return;
        }
        inLineWith = null;
        Map<String, VmEntry> fresh = new HashMap<>();
        for (VmEntry e : entries) fresh.put(e.id(), e);
        List<VmItem> gone = new ArrayList<>();
        for (VmItem item : items) if (!fresh.containsKey(item.id())) gone.add(item);
        if (!gone.isEmpty()) {
            items.removeAll(gone);
            gone.forEach(g -> byId.remove(g.id()));
        }
        List<VmItem> added = new ArrayList<>();
        boolean updated = false;
        for (VmEntry e : entries) {
            VmItem existing = byId.get(e.id());
            if (existing == null) {
                VmItem item = new VmItem(e);
                byId.put(e.id(), item);
                added.add(item);
            } else if (existing.definition() != e.definition() && !existing.definition().equals(e.definition()) || !java.util.Objects.equals(existing.lastRunAt(), e.lastRunAt())) {
                existing.update(e);
                updated = true;
            }
        }
        if (items.isEmpty() && !added.isEmpty()) {
            fill(added); // the first read (the state monitor's can come before reload's)
            inLineWith = entries;
            return;
        }
        items.addAll(added);
        // an unchanged library (the state monitor's first poll, a change elsewhere that touched no VM shown here)
        // must not re-filter and re-sort every row: with 10,000 VMs that is most of the window's JavaFX-thread time
        if (!gone.isEmpty() || !added.isEmpty() || updated || !loaded.get()) {
            refreshTags();
            refilter();
        }
        loaded.set(true);
        inLineWith = entries;
    }

    /** A state report from the host (watch or poll). */
    public void apply(VmStatus status) {
        VmItem item = byId.get(status.vmId());
        if (item == null) return;
        if (item.state() != status.state()) item.stateProperty().set(status.state());
        item.stateDetailProperty().set(status.detail());
    }

    /** Replaces one VM's definition after an edit saved elsewhere (settings, tags, notes). */
    public void replace(VmDefinition definition) {
        VmItem item = byId.get(definition.id());
        inLineWith = null;
        if (item != null) {
            item.setDefinition(definition);
            // rebuild the search text from the new definition
            item.update(new VmEntry(definition, item.state(), item.createdAt() == null ? java.time.Instant.now() : item.createdAt(),
                    item.lastRunAt(), null));
            refreshTags();
            refilter();
        }
    }

    public void remove(String id) {
        VmItem item = byId.remove(id);
        inLineWith = null;
        if (item != null) items.remove(item);
        refreshTags();
    }

    /** The states of the given VMs, for action rules. */
    public static List<VmState> states(List<VmItem> selection) {
        return selection.stream().map(VmItem::state).toList();
    }

    private void refreshTags() {
        refreshTags(items);
    }

    private void refreshTags(List<VmItem> rows) {
        TreeSet<String> tags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (VmItem i : rows) tags.addAll(i.definition().tags());
        List<String> wanted = new ArrayList<>();
        wanted.add(ALL_TAGS);
        wanted.addAll(tags);
        if (!wanted.equals(tagChoices)) {
            String selected = tagFilter.get();
            tagChoices.setAll(wanted);
            if (selected != null && !wanted.contains(selected)) tagFilter.set(ALL_TAGS);
        }
    }

    private void refilter() {
        String text = searchText.get() == null ? "" : searchText.get().strip().toLowerCase(Locale.ROOT);
        StateFilter states = stateFilter.get() == null ? StateFilter.ALL : stateFilter.get();
        String tag = tagFilter.get();
        boolean anyTag = tag == null || tag.isBlank() || ALL_TAGS.equals(tag);
        Predicate<VmItem> p = i -> (text.isEmpty() || i.matches(text))
                && states.accepts(i.state())
                && (anyTag || i.definition().tags().stream().anyMatch(t -> t.equalsIgnoreCase(tag)));
        filtered.setPredicate(p);
    }
}
