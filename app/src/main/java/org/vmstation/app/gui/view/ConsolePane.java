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
        setCenter(screen);
        setBottom(bar);
        showPlaceholder("Select a VM to see its screen.");
    }

    /** Shows {@code item}'s console if it runs; called on selection and state changes. */
    void show(VmItem item) {
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
        executor.execute(BackgroundTask.of("Opening the console of " + item.name(), p -> host.paths(def).vncSocket())
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
