package org.vmstation.app.gui.view;

import java.util.List;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.vmstation.app.gui.form.DefinitionForm;
import org.vmstation.app.gui.settings.SettingsViewModel;
import org.vmstation.app.gui.wizard.OsPreset;
import org.vmstation.app.gui.wizard.OsPresets;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.NetworkSpec;

/** Edits an existing VM, organised like the details pane; hardware pages lock while the VM runs. */
public final class SettingsDialog extends Dialog<ButtonType> {
    public static final ButtonType SAVE = new ButtonType("Save", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);

    public SettingsDialog(Window owner, SettingsViewModel vm, OsPresets presets, Runnable onSaveRequested) {
        initOwner(owner);
        setTitle("Settings of " + vm.vm().name());
        setHeaderText(vm.vm().name() + " — settings");
        setResizable(true);
        DefinitionForm form = vm.form();

        FormGrid general = new FormGrid();
        TextField name = new TextField();
        name.textProperty().bindBidirectional(form.nameProperty());
        name.setId("settings-name");
        general.field("Name", name);
        general.error(form, "name");
        ComboBox<OsPreset> os = new ComboBox<>();
        os.getItems().setAll(presets.all());
        os.setValue(presets.forOsType(form.osTypeProperty().get()));
        os.valueProperty().addListener((o, a, b) -> { if (b != null) form.osTypeProperty().set(b.id()); });
        javafx.scene.control.Label exactOs = new javafx.scene.control.Label();
        exactOs.textProperty().bind(vm.exactOsProperty());
        exactOs.getStyleClass().add("field-hint");
        exactOs.setId("settings-exact-os");
        exactOs.setWrapText(true);
        exactOs.visibleProperty().bind(exactOs.textProperty().isNotEmpty());
        exactOs.managedProperty().bind(exactOs.visibleProperty());
        os.setMaxWidth(Double.MAX_VALUE);
        general.field("Operating system", new javafx.scene.layout.VBox(4, os, exactOs));
        TextField tags = new TextField();
        tags.textProperty().bindBidirectional(form.tagsProperty());
        tags.setPromptText("comma separated");
        general.field("Tags", tags);
        general.error(form, "tags");
        TextArea notes = new TextArea();
        notes.textProperty().bindBidirectional(form.notesProperty());
        notes.setPrefRowCount(4);
        notes.setWrapText(true);
        general.field("Notes", notes);

        FormGrid system = new FormGrid();
        system.field("Memory", Controls.slider(form.memoryMiBProperty(), 128, (int) Math.min(Integer.MAX_VALUE,
                org.vmstation.engine.model.HostResources.totalMemoryMiB()), "MiB", "settings-memory"));
        system.error(form, "memoryMiB");
        system.field("Processors", Controls.slider(form.cpusProperty(), 1, Runtime.getRuntime().availableProcessors(), "CPUs", "settings-cpus"));
        system.error(form, "cpus");
        ChoiceBox<Firmware> fw = new ChoiceBox<>();
        fw.getItems().setAll(Firmware.values());
        fw.valueProperty().bindBidirectional(form.firmwareProperty());
        system.field("Firmware", fw);

        FormGrid boot = new FormGrid();
        boot.field("Installer ISO", Controls.pathField(form.isoPathProperty(), "settings-iso", "Empty drive", "Choose an ISO", null));
        boot.error(form, "cdroms");
        CheckBox direct = new CheckBox("Boot a Linux kernel directly");
        direct.setSelected(form.bootSourceProperty().get() == DefinitionForm.BootSource.KERNEL);
        direct.selectedProperty().addListener((o, a, b) -> form.bootSourceProperty().set(b ? DefinitionForm.BootSource.KERNEL : DefinitionForm.BootSource.DISK_OR_ISO));
        boot.full(direct);
        boot.field("Kernel", Controls.pathField(form.kernelPathProperty(), "settings-kernel", "vmlinuz", "Choose a kernel", null));
        boot.error(form, "kernelBoot.kernelPath");
        boot.field("Initrd", Controls.pathField(form.initrdPathProperty(), "settings-initrd", "optional", "Choose an initrd", null));
        boot.error(form, "kernelBoot.initrdPath");
        TextField cmdline = new TextField();
        cmdline.textProperty().bindBidirectional(form.kernelCommandLineProperty());
        boot.field("Command line", cmdline);
        boot.hint("Disks: " + String.join(", ", vm.vm().definition().disks().stream().map(d -> d.path()).toList()));
        boot.error(form, "disks");

        FormGrid network = new FormGrid();
        ChoiceBox<NetworkSpec.Mode> mode = new ChoiceBox<>();
        mode.getItems().setAll(NetworkSpec.Mode.values());
        mode.valueProperty().bindBidirectional(form.networkModeProperty());
        network.field("Network", mode);
        TextField forwards = new TextField();
        forwards.textProperty().bindBidirectional(form.forwardsProperty());
        forwards.setPromptText("e.g. tcp:2222:22");
        forwards.setId("settings-forwards");
        network.field("Port forwards", forwards);
        network.error(form, "network");

        FormGrid display = new FormGrid();
        ChoiceBox<DisplaySpec.Adapter> adapter = new ChoiceBox<>();
        adapter.getItems().setAll(DisplaySpec.Adapter.values());
        adapter.valueProperty().bindBidirectional(form.displayAdapterProperty());
        adapter.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(DisplaySpec.Adapter a) { return a == null ? "" : a == DisplaySpec.Adapter.NONE ? "none" : a.qemuDevice(); }
            @Override public DisplaySpec.Adapter fromString(String s) { return null; }
        });
        display.field("Adapter", adapter);
        ChoiceBox<DisplaySpec.Acceleration3d> threeD = new ChoiceBox<>();
        threeD.getItems().setAll(DisplaySpec.Acceleration3d.values());
        threeD.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(DisplaySpec.Acceleration3d a) {
                return a == null ? "" : switch (a) { case OFF -> "Off"; case AUTO -> "Auto"; case ON -> "On"; };
            }
            @Override public DisplaySpec.Acceleration3d fromString(String s) { return null; }
        });
        threeD.valueProperty().bindBidirectional(form.acceleration3dProperty());
        threeD.setId("settings-3d");
        display.field("3-D acceleration", threeD);
        display.full(threeDProbe(vm.threeD()));
        CheckBox serial = new CheckBox("Serial console");
        serial.selectedProperty().bindBidirectional(form.serialConsoleProperty());
        display.full(serial);

        for (Node locked : List.of(system, boot, network, display)) locked.disableProperty().bind(vm.hardwareLockedProperty());
        TabPane tabs = new TabPane(new Tab("General", pad(general)), new Tab("System", pad(system)), new Tab("Boot and disks", pad(boot)),
                new Tab("Network", pad(network)), new Tab("Display", scroll(pad(display))));
        tabs.getTabs().forEach(t -> t.setClosable(false));
        Label lock = new Label();
        lock.getStyleClass().add("lock-banner");
        lock.textProperty().bind(vm.lockReasonProperty());
        lock.visibleProperty().bind(vm.hardwareLockedProperty());
        lock.managedProperty().bind(lock.visibleProperty());
        lock.setMaxWidth(Double.MAX_VALUE);
        lock.setId("settings-lock");
        VBox content = new VBox(10, lock, tabs);
        content.setPrefSize(640, 440);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(SAVE, ButtonType.CANCEL);
        getDialogPane().getStylesheets().setAll(owner == null ? List.of() : owner.getScene().getStylesheets());
        getDialogPane().setId("settings-dialog");
        Button save = (Button) getDialogPane().lookupButton(SAVE);
        save.setId("settings-save");
        save.disableProperty().bind(vm.canSaveProperty().not());
        save.addEventFilter(ActionEvent.ACTION, e -> { e.consume(); onSaveRequested.run(); });
    }

    /** What this host offers for 3-D: each mode with why it is unavailable, the probe's facts, and what the setting gives. */
    private static Node threeDProbe(org.vmstation.app.gui.settings.ThreeDProbeViewModel probe) {
        VBox box = new VBox(4);
        box.getStyleClass().add("gl-probe");
        box.setId("settings-3d-probe");
        Label outcome = new Label();
        outcome.setWrapText(true);
        outcome.setId("settings-3d-outcome");
        outcome.textProperty().bind(probe.outcomeProperty());
        outcome.setStyle("-fx-font-weight: bold;");
        Runnable render = () -> {
            box.getChildren().clear();
            if (!probe.statusProperty().get().isEmpty()) {
                Label s = new Label(probe.statusProperty().get());
                s.getStyleClass().add("field-hint");
                s.setWrapText(true);
                box.getChildren().add(s);
                return;
            }
            box.getChildren().add(outcome);
            for (var row : probe.modes()) {
                Label state = new Label(row.available() ? "available" : "unavailable");
                state.getStyleClass().add(row.available() ? "mode-ok" : "mode-no");
                state.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                Label name = new Label(row.mode() + ":");
                name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                Label why = new Label(row.explanation());
                why.setWrapText(true);
                why.getStyleClass().add("field-hint");
                javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(6, name, state, why);
                line.setId("settings-3d-mode-" + row.mode().replace(' ', '-'));
                line.setAccessibleText(row.mode() + ": " + (row.available() ? "available" : "unavailable") + ". " + row.explanation());
                box.getChildren().add(line);
            }
            for (String fact : probe.facts()) {
                Label f = new Label(fact.replaceAll(":\\s+", ": "));
                f.getStyleClass().add("field-hint");
                f.setWrapText(true);
                box.getChildren().add(f);
            }
        };
        probe.capabilitiesProperty().addListener(o -> render.run());
        probe.statusProperty().addListener(o -> render.run());
        render.run();
        box.setPadding(new javafx.geometry.Insets(4, 0, 8, 0));
        return box;
    }

    private static Node scroll(Node n) {
        javafx.scene.control.ScrollPane sp = new javafx.scene.control.ScrollPane(n);
        sp.setFitToWidth(true);
        sp.setStyle("-fx-background-color: transparent; -fx-background: -color-bg;");
        return sp;
    }

    private static Node pad(Node n) {
        VBox box = new VBox(n);
        box.setStyle("-fx-padding: 14 4 4 4;");
        return box;
    }
}
