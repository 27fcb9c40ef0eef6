package org.vmstation.app.gui.view;

import java.util.List;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.vmstation.app.gui.prefs.CloseBehaviour;
import org.vmstation.app.gui.prefs.HostKey;
import org.vmstation.app.gui.prefs.PreferencesViewModel;
import org.vmstation.app.gui.prefs.Theme;

/**
 * Edit › Preferences: VMStation's own settings, one tab per topic. Other features add their page with
 * {@link #addTab} (one line in {@code MainWindow#addPreferencesTab}).
 */
public final class PreferencesDialog extends Dialog<ButtonType> {
    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    /** Messages wrap at this width instead of widening the dialog. */
    private static final double WRAP_WIDTH = 460;

    private final TabPane tabs = new TabPane();

    public PreferencesDialog(Window owner, PreferencesViewModel vm, Runnable onSaveRequested) {
        initOwner(owner);
        setTitle("Preferences");
        setHeaderText("VMStation preferences");
        setResizable(true);

        FormGrid general = new FormGrid();
        general.field("Library location", withMessages(Controls.folderField(vm.libraryLocationProperty(), "prefs-library",
                        "Default: " + org.vmstation.engine.library.LibraryLocation.defaultDatabase().getParent(), "Library location"),
                message(vm.libraryErrorProperty(), "field-error", "prefs-library-error"),
                message(vm.openLibraryProperty(), "field-hint", "prefs-library-open"),
                hint("Where the list of VMs and each VM's folder live. Used by the window and the command line when"
                        + " neither --library nor VMSTATION_LIBRARY says otherwise; takes effect when VMStation next opens.")));
        general.field("Default VM folder", withMessages(Controls.folderField(vm.defaultVmFolderProperty(), "prefs-vm-folder",
                        "Default: your home folder", "Default VM folder"),
                message(vm.folderErrorProperty(), "field-error", "prefs-vm-folder-error"),
                hint("Where the file choosers for disks, kernels and installer ISOs open.")));
        Button check = new Button("Check");
        check.setId("prefs-qemu-check");
        check.setTooltip(new Tooltip("Run this QEMU once to see its version and what it can do"));
        check.setAccessibleText("Check the QEMU binary");
        check.disableProperty().bind(vm.qemuCheckingProperty());
        check.setOnAction(e -> vm.checkQemu());
        HBox qemuRow = Controls.fileField(vm.qemuBinaryProperty(), "prefs-qemu", "Default: qemu-system-x86_64 on PATH", "QEMU binary");
        qemuRow.getChildren().add(check);
        // typing a path checks it once the field is left, not on every keystroke (the probe runs QEMU)
        qemuRow.getChildren().getFirst().focusedProperty().addListener((o, was, is) -> { if (was && !is) vm.checkQemu(); });
        general.field("QEMU binary", withMessages(qemuRow,
                message(vm.qemuErrorProperty(), "field-error", "prefs-qemu-error"),
                message(vm.qemuInfoProperty(), "field-hint", "prefs-qemu-info")));

        FormGrid console = new FormGrid();
        ComboBox<HostKey> hostKey = choice(HostKey.values(), "prefs-host-key");
        hostKey.valueProperty().bindBidirectional(vm.hostKeyProperty());
        console.field("Host key", hostKey);
        console.full(hint("Pressed in a VM's console, it takes the mouse back from the guest (the guest never sees it complete)."));

        FormGrid window = new FormGrid();
        ComboBox<Theme> theme = choice(Theme.values(), "prefs-theme");
        theme.valueProperty().bindBidirectional(vm.themeProperty());
        window.field("Theme", theme);
        window.full(hint("Follow the desktop reads GNOME's colour scheme (prefer-dark) or a GTK theme named …dark."));
        ComboBox<CloseBehaviour> close = choice(CloseBehaviour.values(), "prefs-close");
        close.valueProperty().bindBidirectional(vm.closeBehaviourProperty());
        window.field("When closing with VMs running", close);
        window.full(hint("\"Remember my choice\" in the question asked on closing sets this too."));

        tabs.getTabs().setAll(new Tab("General", pad(general)), new Tab("Console", pad(console)), new Tab("Window", pad(window)));
        tabs.getTabs().forEach(t -> t.setClosable(false));
        tabs.setId("prefs-tabs");
        VBox content = new VBox(tabs);
        content.setPrefSize(680, 420);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(SAVE, ButtonType.CANCEL);
        getDialogPane().getStylesheets().setAll(owner == null || owner.getScene() == null ? List.of() : owner.getScene().getStylesheets());
        getDialogPane().setId("prefs-dialog");
        Button save = (Button) getDialogPane().lookupButton(SAVE);
        save.setId("prefs-save");
        save.disableProperty().bind(vm.canSaveProperty().not());
        save.addEventFilter(ActionEvent.ACTION, e -> { e.consume(); onSaveRequested.run(); });
    }

    /** Adds a page (e.g. "Power policy"); it is not closable and gets the same padding as the others. */
    public void addTab(Tab tab) {
        tab.setClosable(false);
        tabs.getTabs().add(tab);
    }

    public TabPane tabs() { return tabs; }

    private static <T> ComboBox<T> choice(T[] values, String id) {
        ComboBox<T> box = new ComboBox<>();
        box.getItems().setAll(values);
        box.setId(id);
        return box;
    }

    private static VBox withMessages(Node control, Label... messages) {
        VBox box = new VBox(4, control);
        box.getChildren().addAll(messages);
        return box;
    }

    /** A label showing {@code text} when it is not empty. */
    private static Label message(javafx.beans.value.ObservableStringValue text, String styleClass, String id) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        l.setPrefWidth(WRAP_WIDTH);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.setId(id);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static Label hint(String text) {
        Label h = new Label(text);
        h.getStyleClass().add("field-hint");
        h.setWrapText(true);
        h.setPrefWidth(WRAP_WIDTH);
        h.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return h;
    }

    static Node pad(Node n) {
        VBox box = new VBox(n);
        box.setStyle("-fx-padding: 14 4 4 4;");
        return box;
    }
}
