package org.vmstation.app.gui.view;

import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.runtime.VmHost;

/**
 * The console tab: the selected VM's live display while it runs, a placeholder otherwise; the display can move
 * into its own window and go full screen, and comes back when that window closes.
 */
final class ConsolePane extends BorderPane {
    private final VmHost host;
    private final ConsoleProvider provider;
    private final TaskExecutor executor;
    private final NotificationCenter notifications;
    private final StackPane screen = new StackPane();
    private final Label placeholderText = new Label();
    private final VBox placeholder;
    private final Button detach = new Button("Detach", Icons.icon(Icons.DETACH));
    private final Button fullScreen = new Button("Full screen", Icons.icon(Icons.FULL_SCREEN));
    private ConsoleProvider.Console console;
    private VmItem vm;
    /** The state the placeholder was drawn for, so a STOPPED → STARTING change redraws it. */
    private org.vmstation.engine.runtime.VmState shownState;
    private Stage window;
    private int generation;
    private javafx.beans.value.ObservableValue<org.vmstation.app.gui.prefs.Preferences> preferences =
            new javafx.beans.property.SimpleObjectProperty<>(org.vmstation.app.gui.prefs.Preferences.DEFAULTS);
    private final Label hostKeyHint = new Label();
    private final Label threeDText = new Label();
    private final Button showThreeD = new Button("Show 3-D window", Icons.icon(Icons.DETACH));
    private final HBox threeDBanner;
    private javafx.collections.ObservableMap<String, org.vmstation.graphics.gl.ThreeDFallbackStarter.Outcome> startOutcomes =
            javafx.collections.FXCollections.observableHashMap();
    /** What QEMU's command line said about 3-D for a VM this window did not start, by VM id. */
    private final java.util.Map<String, org.vmstation.app.gui.details.ThreeDConsoleNote> seenRunning = new java.util.HashMap<>();

    ConsolePane(VmHost host, ConsoleProvider provider, TaskExecutor executor, NotificationCenter notifications) {
        this.host = host;
        this.provider = provider;
        this.executor = executor;
        this.notifications = notifications;
        placeholder = new VBox(12, Icons.icon(Icons.MONITOR, "huge"), placeholderText);
        placeholder.getStyleClass().add("console-placeholder");
        placeholder.setAlignment(Pos.CENTER);
        screen.getStyleClass().add("console-placeholder");
        screen.setId("console-screen");
        screen.getChildren().setAll(placeholder);
        detach.setOnAction(e -> detach(false));
        detach.setTooltip(new Tooltip("Open the console in its own window (Ctrl+D)"));
        detach.setId("console-detach");
        fullScreen.setOnAction(e -> detach(true));
        fullScreen.setTooltip(new Tooltip("Show the console full screen (F11); Ctrl+Alt+F leaves"));
        fullScreen.setId("console-fullscreen");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        hostKeyHint.getStyleClass().add("field-hint");
        hostKeyHint.setId("console-host-key");
        HBox bar = new HBox(6, hostKeyHint, spacer, detach, fullScreen);
        bar.getStyleClass().add("console-bar");
        threeDText.setWrapText(true);
        threeDText.setId("console-3d-note");
        threeDText.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(threeDText, Priority.ALWAYS);
        threeDText.setMaxWidth(Double.MAX_VALUE);
        showThreeD.setId("console-show-3d");
        showThreeD.setMinWidth(Region.USE_PREF_SIZE);
        showThreeD.setAccessibleText("Show the 3-D window");
        showThreeD.setOnAction(e -> focusThreeDWindow());
        threeDBanner = new HBox(10, Icons.icon(Icons.INFO, "accent"), threeDText, showThreeD);
        threeDBanner.getStyleClass().add("three-d-banner");
        threeDBanner.setId("console-3d-banner");
        threeDBanner.managedProperty().bind(threeDBanner.visibleProperty());
        threeDBanner.setVisible(false);
        setTop(threeDBanner);
        setCenter(screen);
        setBottom(bar);
        showPlaceholder("Select a VM to see its screen.");
    }

    /** The window's start outcomes by VM id: the 3-D mode each got and what failed. */
    void useStartOutcomes(javafx.collections.ObservableMap<String, org.vmstation.graphics.gl.ThreeDFallbackStarter.Outcome> outcomes) {
        startOutcomes = outcomes;
        outcomes.addListener((javafx.collections.MapChangeListener<String, org.vmstation.graphics.gl.ThreeDFallbackStarter.Outcome>) c -> {
            seenRunning.remove(c.getKey());
            if (vm != null && vm.id().equals(c.getKey())) showThreeDNote(vm);
        });
    }

    /** The 3-D banner: why the screen is in QEMU's window, or what failed; hidden when there is nothing to say. */
    private void showThreeDNote(VmItem item) {
        boolean active = item != null && item.state().isActive();
        // an outcome belongs to one run: once the VM stopped, a later start (maybe from the CLI) says its own
        if (item != null && !active) startOutcomes.remove(item.id());
        org.vmstation.app.gui.details.ThreeDConsoleNote note = !active ? org.vmstation.app.gui.details.ThreeDConsoleNote.NONE
                : startOutcomes.containsKey(item.id()) ? org.vmstation.app.gui.details.ThreeDConsoleNote.of(startOutcomes.get(item.id()), item.name())
                : seenRunning.getOrDefault(item.id(), org.vmstation.app.gui.details.ThreeDConsoleNote.NONE);
        threeDText.setText(note.text());
        threeDBanner.setVisible(!note.text().isEmpty());
        showThreeD.setVisible(note.offerWindow());
        showThreeD.setManaged(note.offerWindow());
        threeDBanner.getChildren().set(0, Icons.icon(note.failed() ? Icons.WARNING : Icons.INFO, note.failed() ? "warning" : "accent"));
        threeDBanner.getStyleClass().remove("failed");
        if (note.failed()) threeDBanner.getStyleClass().add("failed");
        threeDText.setAccessibleText(note.text());
    }

    private void focusThreeDWindow() {
        if (vm == null) return;
        String title = org.vmstation.app.gui.details.QemuWindowFocus.titleFor(vm.name());
        // On the JavaFX thread on purpose: the X error handler it installs for a moment is process-wide, and GDK
        // (JavaFX's toolkit, on this thread) must not have an error trap open meanwhile. A few local X round trips.
        String said = org.vmstation.app.gui.details.QemuWindowFocus.show(title);
        lastFocusResult = said;
        showThreeD.setTooltip(new Tooltip(said));
        if (!said.startsWith("Brought")) notifications.info("3-D window", said);
    }

    /** What the last press of "Show 3-D window" did, for tests and the tooltip. */
    private String lastFocusResult = "";

    String lastFocusResult() { return lastFocusResult; }

    /** Shows {@code item}'s console if it runs; called on selection and state changes. */
    void show(VmItem item) {
        showThreeDNote(item);
        boolean active = item != null && (item.state() == org.vmstation.engine.runtime.VmState.RUNNING
                || item.state() == org.vmstation.engine.runtime.VmState.PAUSED);
        var state = item == null ? null : item.state();
        if (item == vm && (console != null) == active && (active || state == shownState)) return;
        disconnect();
        vm = item;
        shownState = state;
        if (item == null) { showPlaceholder("Select a VM to see its screen."); return; }
        if (state == org.vmstation.engine.runtime.VmState.STARTING) { showPlaceholder("Starting " + item.name() + "…"); return; }
        if (!active) { showPlaceholder(item.name() + " is not running. Start it to see its screen here."); return; }
        showPlaceholder("Connecting to " + item.name() + "…");
        int gen = ++generation;
        var def = item.definition();
        boolean askQemu = !startOutcomes.containsKey(item.id());
        executor.execute(BackgroundTask.of("Opening the console of " + item.name(), p -> {
                    var paths = host.paths(def);
                    if (askQemu) {
                        var note = org.vmstation.app.gui.details.ThreeDConsoleNote.fromCommandLine(
                                org.vmstation.app.gui.details.ThreeDConsoleNote.runningCommandLine(paths.pidFile()), def.name());
                        executor.runOnUiThread(() -> {
                            seenRunning.put(def.id(), note);
                            if (vm == item) showThreeDNote(item);
                        });
                    }
                    return paths.vncSocket();
                })
                .onSuccess(socket -> {
                    if (gen != generation) return;
                    try {
                        console = provider.open(socket);
                        Region view = console.view();
                        applyHostKey(view);
                        screen.getChildren().setAll(view);
                        view.requestFocus();
                        detach.setDisable(false);
                        fullScreen.setDisable(false);
                    } catch (Exception e) {
                        showPlaceholder("Could not open the console of " + item.name() + ".");
                        notifications.error("Could not open the console of " + item.name(), e);
                    }
                })
                .onFailure(e -> notifications.error("Could not open the console of " + item.name(), e)));
    }

    /** Follows Preferences › Host key: the console's grab is released by it, and the bar says which it is. */
    void useHostKey(javafx.beans.value.ObservableValue<org.vmstation.app.gui.prefs.Preferences> prefs) {
        preferences = prefs;
        hostKeyHint.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Host key: " + prefs.getValue().hostKey().label() + " (releases the mouse)", prefs));
    }

    private void applyHostKey(Region view) {
        if (view instanceof org.vmstation.graphics.view.DisplayView display) {
            display.setReleaseGrabKey(e -> preferences.getValue().hostKey()
                    .matches(e.isControlDown(), e.isAltDown(), e.isShiftDown(), e.getCode().getName()));
        }
    }

    private void showPlaceholder(String text) {
        placeholderText.setText(text);
        screen.getChildren().setAll(placeholder);
        detach.setDisable(true);
        fullScreen.setDisable(true);
    }

    void detach(boolean full) {
        if (console == null) return;
        if (window != null) {
            window.setFullScreen(full || window.isFullScreen());
            window.toFront();
            return;
        }
        Region view = console.view();
        screen.getChildren().remove(view);
        showPlaceholder(vm.name() + "'s console is open in its own window.");
        StackPane root = new StackPane(view);
        root.getStyleClass().add("console-placeholder");
        window = new Stage();
        window.setTitle(vm.name() + " — VMStation");
        window.setScene(new Scene(root, Math.max(640, view.getWidth()), Math.max(480, view.getHeight())));
        window.setFullScreenExitKeyCombination(new KeyCodeCombination(KeyCode.F, KeyCombination.CONTROL_DOWN, KeyCombination.ALT_DOWN));
        window.setOnHidden(e -> reattach());
        window.setFullScreen(full);
        window.show();
        view.requestFocus();
    }

    private void reattach() {
        Stage w = window;
        window = null;
        if (w != null && console != null) {
            Region view = console.view();
            ((StackPane) w.getScene().getRoot()).getChildren().remove(view);
            screen.getChildren().setAll(view);
            detach.setDisable(false);
            fullScreen.setDisable(false);
        }
    }

    boolean isDetached() { return window != null; }

    void disconnect() {
        generation++;
        if (window != null) {
            Stage w = window;
            window = null;
            w.setOnHidden(null);
            w.close();
        }
        if (console != null) {
            ConsoleProvider.Console c = console;
            console = null;
            c.close();
        }
    }
}
