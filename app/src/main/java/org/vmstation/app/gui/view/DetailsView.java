package org.vmstation.app.gui.view;

import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.vmstation.app.gui.details.DetailsViewModel;
import org.vmstation.app.gui.details.SummaryRow;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.app.gui.wizard.OsPreset;
import org.vmstation.app.gui.wizard.OsPresets;
import org.vmstation.engine.runtime.VmHost;

/**
 * The selected VM: header, then Summary, Console and Logs tabs. Binds to {@link DetailsViewModel}.
 *
 * <p>Until a VM is first selected it shows only a "select a VM" placeholder; the header, the tabs and what other
 * features add to them ({@link #whenBuilt}) are made on that first selection. The window's first frame then
 * loads, builds and styles none of it: most of a cold start's window time went there, for a pane nobody saw yet.
 */
public final class DetailsView extends StackPane {
    private final DetailsViewModel vm;
    private final java.util.function.Supplier<OsPresets> presets;
    private final VmHost host;
    private final ConsoleProvider consoles;
    private final TaskExecutor executor;
    private final NotificationCenter notifications;
    private final TabPane tabs = new TabPane();
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label statePill = new Label();
    private final StackPane osIcon = new StackPane();
    private final GridPane summaryGrid = new GridPane();
    private final FlowPane tagPane = new FlowPane(6, 6);
    private ConsolePane console;
    private LogView qemuLog;
    private LogView serialLog;
    private VBox content;
    private final VBox nothing;
    private final InvalidationListener stateListener = o -> refreshHeader();
    private Tab consoleTab;
    private Tab logsTab;
    private VBox summaryColumn;
    /** What features add once the content exists (cards, tabs), in the order they asked; null once built. */
    private java.util.List<Runnable> onBuilt = new java.util.ArrayList<>();
    private javafx.beans.value.ObservableValue<org.vmstation.app.gui.prefs.Preferences> hostKeyPrefs;
    private javafx.collections.ObservableMap<String, org.vmstation.graphics.gl.ThreeDFallbackStarter.Outcome> startOutcomes;

    public DetailsView(DetailsViewModel vm, java.util.function.Supplier<OsPresets> presets, VmHost host, ConsoleProvider consoles, TaskExecutor executor,
                       NotificationCenter notifications) {
        this.vm = vm;
        this.presets = presets;
        this.host = host;
        this.consoles = consoles;
        this.executor = executor;
        this.notifications = notifications;
        getStyleClass().add("details-pane");

        Label none = new Label("Select a virtual machine on the left, or create one with New VM (Ctrl+N).");
        none.setWrapText(true);
        nothing = new VBox(10, Icons.icon(Icons.MONITOR, "huge"), none);
        nothing.getStyleClass().add("nothing-selected");
        getChildren().setAll(nothing);

        vm.vmProperty().addListener((o, old, now) -> {
            if (old != null) {
                old.stateProperty().removeListener(stateListener);
                old.stateDetailProperty().removeListener(stateListener);
                old.definitionProperty().removeListener(stateListener);
            }
            if (now != null) {
                build();
                now.stateProperty().addListener(stateListener);
                // the host reports the detail after the state: without this the subtitle keeps the old detail
                now.stateDetailProperty().addListener(stateListener);
                now.definitionProperty().addListener(stateListener);
            }
            getChildren().setAll(now == null ? nothing : content);
            refreshHeader();
            followLogs(now);
        });
    }

    /** Whether the header and tabs exist (a VM was selected, or a caller needed them). */
    public boolean isBuilt() { return content != null; }

    /**
     * Runs {@code addition} (adding a card or a tab) once the content exists: now if it does, else on the first
     * selection, before the content shows.
     */
    public void whenBuilt(Runnable addition) {
        if (onBuilt == null) addition.run();
        else onBuilt.add(addition);
    }

    /** Makes the header and tabs; on the first selection, or when a caller needs them earlier (the console's menu items). */
    private void build() {
        if (content != null) return;
        console = new ConsolePane(host, consoles, executor, notifications);
        if (hostKeyPrefs != null) console.useHostKey(hostKeyPrefs);
        if (startOutcomes != null) console.useStartOutcomes(startOutcomes);
        qemuLog = new LogView(executor, "qemu-log");
        serialLog = new LogView(executor, "serial-log");

        title.getStyleClass().add("details-title");
        title.setId("details-title");
        subtitle.getStyleClass().add("details-subtitle");
        statePill.getStyleClass().add("state-pill");
        statePill.setId("details-state");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(14, osIcon, new VBox(2, title, subtitle), spacer, statePill);
        header.getStyleClass().add("details-header");

        Tab summary = new Tab("Summary", summaryContent());
        consoleTab = new Tab("Console", console);
        TabPane logTabs = new TabPane(new Tab("QEMU log", qemuLog), new Tab("Serial console", serialLog));
        logTabs.getTabs().forEach(t -> t.setClosable(false));
        logsTab = new Tab("Logs", logTabs);
        tabs.getTabs().setAll(summary, consoleTab, logsTab);
        tabs.getTabs().forEach(t -> t.setClosable(false));
        tabs.setId("details-tabs");
        VBox.setVgrow(tabs, Priority.ALWAYS);
        content = new VBox(header, tabs);

        vm.summary().addListener((ListChangeListener<SummaryRow>) c -> renderSummary());
        vm.tags().addListener((ListChangeListener<String>) c -> renderTags());
        renderSummary();
        renderTags();
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> updateConsole());
        java.util.List<Runnable> additions = onBuilt;
        onBuilt = null;
        additions.forEach(Runnable::run);
    }

    private Node summaryContent() {
        summaryGrid.getStyleClass().add("form");
        summaryGrid.setId("summary-grid");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(130);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        summaryGrid.getColumnConstraints().setAll(labels, values);
        VBox hardware = card("Hardware", summaryGrid);

        TextField addTag = new TextField();
        addTag.setPromptText("Add tags (comma separated), Enter");
        addTag.setId("tag-input");
        addTag.setAccessibleText("Add tag");
        addTag.setOnAction(e -> { vm.addTags(addTag.getText()); addTag.clear(); });
        addTag.setPrefColumnCount(18);
        VBox tagsCard = card("Tags", new VBox(8, tagPane, addTag));

        TextArea notes = new TextArea();
        notes.getStyleClass().add("notes-area");
        notes.setWrapText(true);
        notes.setPromptText("Anything worth remembering about this VM: passwords hint, purpose, owner…");
        notes.textProperty().bindBidirectional(vm.notesProperty());
        notes.setId("notes");
        notes.setAccessibleText("Notes");
        notes.focusedProperty().addListener((o, was, is) -> { if (!is) vm.saveNotes(); });
        Button save = new Button("Save notes");
        save.disableProperty().bind(vm.notesDirtyProperty().not());
        save.setOnAction(e -> vm.saveNotes());
        HBox saveRow = new HBox(save);
        saveRow.setAlignment(Pos.CENTER_RIGHT);
        VBox notesCard = card("Notes", new VBox(8, notes, saveRow));

        VBox column = new VBox(14, hardware, tagsCard, notesCard);
        summaryColumn = column;
        column.setStyle("-fx-padding: 16 20 20 20;");
        ScrollPane scroll = new ScrollPane(column);
        scroll.setFitToWidth(true);
        scroll.setStyle("-fx-background-color: transparent; -fx-background: -color-bg;");
        return scroll;
    }

    private static VBox card(String title, Node body) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        VBox card = new VBox(10, t, body);
        card.getStyleClass().add("card");
        return card;
    }

    private void renderSummary() {
        summaryGrid.getChildren().clear();
        int row = 0;
        for (SummaryRow r : vm.summary()) {
            Label l = new Label(r.label());
            l.getStyleClass().add("summary-label");
            Label v = new Label(r.value());
            v.getStyleClass().add("summary-value");
            v.setWrapText(true);
            summaryGrid.addRow(row++, l, v);
        }
    }

    private void renderTags() {
        tagPane.getChildren().clear();
        for (String tag : vm.tags()) {
            Button remove = new Button(null, Icons.icon(Icons.CLOSE));
            remove.getStyleClass().add("chip-close");
            remove.setAccessibleText("Remove tag " + tag);
            remove.setTooltip(new Tooltip("Remove tag " + tag));
            remove.setOnAction(e -> vm.removeTag(tag));
            HBox chip = new HBox(new Label(tag), remove);
            chip.getStyleClass().addAll("chip", "editable");
            tagPane.getChildren().add(chip);
        }
        if (vm.tags().isEmpty()) {
            Label none = new Label("No tags");
            none.getStyleClass().add("field-hint");
            tagPane.getChildren().add(none);
        }
    }

    private void refreshHeader() {
        VmItem item = vm.vmProperty().get();
        if (item == null) {
            if (console != null) console.show(null);
            return;
        }
        OsPreset os = presets.get().forOsType(item.definition().osType());
        title.setText(item.name());
        int cpus = item.definition().cpus();
        subtitle.setText(org.vmstation.engine.osinfo.RecordedOs.label(item.definition(), os.label())
                + " · " + cpus + (cpus == 1 ? " CPU · " : " CPUs · ")
                + org.vmstation.app.gui.details.SummaryFormatter.memory(item.definition().memoryMiB())
                + (item.stateDetailProperty().get().isEmpty() ? "" : " · " + item.stateDetailProperty().get()));
        statePill.setText(StateText.label(item.state()));
        StateText.applyStyle(statePill, item.state());
        osIcon.getChildren().setAll(Icons.icon(Icons.forOsFamily(os.family()), "large", "accent"));
        updateConsole();
    }

    private void updateConsole() {
        if (console == null) return;
        VmItem item = vm.vmProperty().get();
        // keep a detached console connected even when another tab is showing
        if (tabs.getSelectionModel().getSelectedItem() == consoleTab || console.isDetached()) console.show(item);
    }

    private void followLogs(VmItem item) {
        if (qemuLog == null) return;
        if (item == null) {
            qemuLog.follow(null);
            serialLog.follow(null);
            return;
        }
        var paths = host.paths(item.definition());
        qemuLog.follow(paths::qemuLog);
        serialLog.follow(paths::serialLog);
    }

    /** The console shows the 3-D outcome of this window's starts (why the screen is elsewhere, what failed). */
    public void useStartOutcomes(javafx.collections.ObservableMap<String, org.vmstation.graphics.gl.ThreeDFallbackStarter.Outcome> outcomes) {
        startOutcomes = outcomes;
        if (console != null) console.useStartOutcomes(outcomes);
    }

    /** For tests: what the console's "Show 3-D window" button did last. */
    public String lastThreeDWindowResult() { return console == null ? "" : console.lastFocusResult(); }

    /** The console follows Preferences › Host key. */
    public void useHostKey(javafx.beans.value.ObservableValue<org.vmstation.app.gui.prefs.Preferences> prefs) {
        hostKeyPrefs = prefs;
        if (console != null) console.useHostKey(prefs);
    }

    public void selectConsoleTab() {
        build();
        tabs.getSelectionModel().select(consoleTab);
    }

    /** Adds a card (USB devices, ...) to the Summary tab, after the hardware card; builds the content if needed (use {@link #whenBuilt} to wait). */
    public void addSummaryCard(String title, Node body, String id) {
        build();
        VBox card = card(title, body);
        card.setId(id);
        summaryColumn.getChildren().add(1, card);
    }

    /** Adds a tab (Power, ...) after the others; returns it so the caller can follow its selection. */
    public Tab addTab(String title, Node body, String id) {
        build();
        Tab tab = new Tab(title, body);
        tab.setId(id);
        tab.setClosable(false);
        tabs.getTabs().add(tab);
        return tab;
    }

    public void detachConsole(boolean fullScreen) {
        selectConsoleTab();
        console.detach(fullScreen);
    }

    public void shutdown() {
        if (console == null) return;
        console.disconnect();
        qemuLog.stop();
        serialLog.stop();
    }
}
