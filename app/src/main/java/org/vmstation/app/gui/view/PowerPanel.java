package org.vmstation.app.gui.view;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.vmstation.app.gui.power.PowerPanelViewModel;
import org.vmstation.app.gui.power.SourceChoice;
import org.vmstation.engine.power.BatteryStatus;

/**
 * The Power tab: the battery gauge, charger and lid as the guest sees them, the buttons, the source and its
 * scenario player, and the live resource controls. Thin: everything it shows and does is in
 * {@link PowerPanelViewModel}.
 */
public final class PowerPanel extends ScrollPane {
    private final PowerPanelViewModel vm;

    public PowerPanel(PowerPanelViewModel vm) {
        this.vm = vm;
        setId("power-panel");
        VBox column = new VBox(14, batteryCard(), sourceCard(), resourcesCard());
        column.setStyle("-fx-padding: 16 20 20 20;");
        setContent(column);
        setFitToWidth(true);
        setStyle("-fx-background-color: transparent; -fx-background: -color-bg;");
    }

    /** Adds the Power tab to {@code details}, following the selected VM and refreshing only while the tab shows. */
    public static PowerPanel addTo(DetailsView details, PowerPanelViewModel vm,
                                   javafx.beans.value.ObservableValue<org.vmstation.app.gui.library.VmItem> selected) {
        vm.vmProperty().bind(selected);
        PowerPanel panel = new PowerPanel(vm);
        javafx.scene.control.Tab tab = details.addTab("Power", panel, "power-tab");
        tab.setTooltip(new Tooltip("Battery, charger, lid, power and sleep buttons, resource limits"));
        tab.selectedProperty().addListener((o, was, is) -> vm.setShowing(is));
        return panel;
    }

    private Node batteryCard() {
        Label unavailable = wrapped(vm.unavailableProperty(), "power-unavailable");
        unavailable.getStyleClass().add("lock-banner");
        Button enable = new Button("Give this VM a battery, charger and lid");
        enable.setId("power-enable");
        enable.setTooltip(new Tooltip("Sets power.enabled=true; the devices appear at the VM's next start"));
        enable.setOnAction(e -> vm.enableForNextStart());
        visibleWhen(enable, vm.canEnableProperty());
        VBox banner = new VBox(8, unavailable, enable);
        visibleWhen(banner, vm.unavailableProperty().isNotEmpty().or(vm.canEnableProperty()));

        ProgressBar gauge = new ProgressBar();
        gauge.setId("power-gauge");
        gauge.setPrefWidth(240);
        gauge.setPrefHeight(22);
        gauge.progressProperty().bind(Bindings.createDoubleBinding(
                () -> vm.chargeProperty().get() < 0 ? 0 : vm.chargeProperty().get() / 100.0, vm.chargeProperty()));
        gauge.accessibleTextProperty().bind(Bindings.concat("Battery the guest sees: ", vm.batteryTextProperty()));
        gauge.styleProperty().bind(Bindings.createStringBinding(() -> "-fx-accent: "
                + (vm.chargeProperty().get() >= 0 && vm.chargeProperty().get() <= 15 ? "#d0453a" : "#2f9e5b") + ";", vm.chargeProperty()));
        Label battery = new Label();
        battery.setId("power-battery");
        battery.textProperty().bind(vm.batteryTextProperty());
        battery.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        HBox gaugeRow = new HBox(12, gauge, battery);
        gaugeRow.setAlignment(Pos.CENTER_LEFT);

        BooleanBinding batteryOff = vm.devicesProperty().not().or(vm.busyProperty());
        BooleanBinding manualOff = batteryOff.or(vm.sourceProperty().isNotEqualTo(SourceChoice.MANUAL));

        CheckBox charger = new CheckBox("_Charger plugged in");
        charger.setMnemonicParsing(true);
        charger.setId("power-ac");
        charger.setAccessibleText("Charger plugged in");
        charger.setSelected(vm.acOnlineProperty().get());
        vm.acOnlineProperty().addListener((o, a, b) -> charger.setSelected(b));
        charger.setOnAction(e -> vm.setCharger(charger.isSelected()));
        charger.disableProperty().bind(manualOff);

        CheckBox lid = new CheckBox("_Lid closed");
        lid.setMnemonicParsing(true);
        lid.setId("power-lid");
        lid.setAccessibleText("Lid closed");
        lid.setSelected(vm.lidClosedProperty().get());
        vm.lidClosedProperty().addListener((o, a, b) -> lid.setSelected(b));
        lid.setOnAction(e -> vm.setLidClosed(lid.isSelected()));
        lid.disableProperty().bind(manualOff);
        HBox toggles = new HBox(24, charger, lid);

        Spinner<Integer> charge = new Spinner<>(0, 100, 80, 5);
        charge.setEditable(true);
        charge.setPrefWidth(90);
        charge.setId("power-charge");
        charge.setAccessibleText("Charge in percent");
        vm.chargeProperty().addListener((o, a, b) -> { if (b.intValue() >= 0 && !charge.isFocused()) charge.getValueFactory().setValue(b.intValue()); });
        ChoiceBox<BatteryStatus> status = new ChoiceBox<>();
        status.getItems().setAll(BatteryStatus.values());
        status.setConverter(new StringConverter<>() {
            @Override public String toString(BatteryStatus s) { return s == null ? "" : switch (s) {
                case CHARGING -> "Charging";
                case DISCHARGING -> "Discharging";
                case IDLE -> "Neither (full or held)";
            }; }
            @Override public BatteryStatus fromString(String s) { return null; }
        });
        status.setId("power-state");
        status.setAccessibleText("Charging state");
        vm.batteryStatusProperty().addListener((o, a, b) -> { if (b != null && !status.isShowing()) status.setValue(b); });
        Button set = new Button("Set battery");
        set.setId("power-set-charge");
        set.setOnAction(e -> {
            charge.increment(0); // commits a typed value
            vm.setBatteryState(charge.getValue(), status.getValue());
        });
        Label chargeLabel = new Label("C_harge %");
        chargeLabel.setMnemonicParsing(true);
        chargeLabel.setLabelFor(charge);
        Label stateLabel = new Label("State");
        stateLabel.setLabelFor(status);
        HBox manual = new HBox(8, chargeLabel, charge, stateLabel, status, set);
        manual.setAlignment(Pos.CENTER_LEFT);
        manual.disableProperty().bind(manualOff);

        Button power = new Button("Press _power button");
        power.setMnemonicParsing(true);
        power.setId("power-press-power");
        power.setAccessibleText("Press the guest's power button");
        power.setTooltip(new Tooltip("ACPI power button: the guest decides (most shut down)"));
        power.setOnAction(e -> vm.pressPower());
        power.disableProperty().bind(vm.runningProperty().not().or(vm.busyProperty()));
        Button sleep = new Button("Press _sleep button");
        sleep.setMnemonicParsing(true);
        sleep.setId("power-press-sleep");
        sleep.setAccessibleText("Press the guest's sleep button");
        sleep.setOnAction(e -> vm.pressSleep());
        sleep.disableProperty().bind(batteryOff);
        HBox buttons = new HBox(8, power, sleep);

        Label last = wrapped(vm.lastChangeProperty(), "power-last-change");
        last.styleProperty().bind(Bindings.when(vm.lastChangeDeliveredProperty()).then("").otherwise("-fx-text-fill: -color-danger;"));
        visibleWhen(last, vm.lastChangeProperty().isNotEmpty());
        Label events = wrapped(vm.eventsProperty(), "power-events");
        events.getStyleClass().add("field-hint");
        visibleWhen(events, vm.eventsProperty().isNotEmpty());
        Label region = wrapped(vm.regionProblemProperty(), "power-region");
        region.getStyleClass().add("field-error");
        visibleWhen(region, vm.regionProblemProperty().isNotEmpty());

        VBox values = new VBox(10, gaugeRow, toggles, manual, buttons);
        values.disableProperty().bind(vm.runningProperty().not());
        return card("Battery, charger and lid (as the guest sees them)", new VBox(10, banner, values, last, region, events));
    }

    private Node sourceCard() {
        ComboBox<SourceChoice> source = new ComboBox<>();
        source.getItems().setAll(SourceChoice.values());
        source.setId("power-source");
        source.setAccessibleText("Where the power values come from");
        source.setValue(vm.sourceProperty().get());
        vm.sourceProperty().addListener((o, a, b) -> source.setValue(b));
        source.setOnAction(e -> vm.chooseSource(source.getValue()));
        Label sourceLabel = new Label("S_ource");
        sourceLabel.setMnemonicParsing(true);
        sourceLabel.setLabelFor(source);
        HBox sourceRow = new HBox(10, sourceLabel, source);
        sourceRow.setAlignment(Pos.CENTER_LEFT);
        Label text = wrapped(vm.sourceTextProperty(), "power-source-text");
        text.getStyleClass().add("field-hint");

        Button choose = new Button("Choose scenario…");
        choose.setId("power-scenario-choose");
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Power scenario");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Scenario files", "*.txt", "*.scenario", "*.power"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            var file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) vm.chooseScenario(file.toPath());
        });
        Label file = new Label();
        file.setId("power-scenario-file");
        file.textProperty().bind(Bindings.createStringBinding(() -> {
            Path p = vm.scenarioProperty().get();
            return p == null ? "No scenario chosen" : p.getFileName().toString();
        }, vm.scenarioProperty()));
        Button play = new Button("Play");
        play.setId("power-play");
        play.setAccessibleText("Play the scenario");
        play.setOnAction(e -> vm.play());
        play.disableProperty().bind(vm.devicesProperty().not().or(vm.scenarioProperty().isNull()).or(vm.playingProperty()));
        Button stop = new Button("Stop");
        stop.setId("power-stop");
        stop.setAccessibleText("Stop the scenario");
        stop.setOnAction(e -> vm.stopScenario());
        stop.disableProperty().bind(vm.playingProperty().not());
        HBox player = new HBox(8, choose, file, play, stop);
        player.setAlignment(Pos.CENTER_LEFT);
        Label step = wrapped(vm.stepProperty(), "power-step");
        step.setStyle("-fx-font-family: \"DejaVu Sans Mono\", monospace; -fx-font-size: 12px;");
        VBox scenario = new VBox(6, player, step);
        visibleWhen(scenario, vm.sourceProperty().isEqualTo(SourceChoice.SCRIPT));
        return card("Power source", new VBox(10, sourceRow, text, scenario));
    }

    private Node resourcesCard() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(200);
        grid.getColumnConstraints().setAll(labels, new ColumnConstraints(), new ColumnConstraints());
        // CPU and disk limits can be kept in the settings, so with Keep ticked they are open for a stopped VM too
        BooleanBinding limitsOff = vm.runningProperty().not().and(vm.keepLimitsProperty().not());
        row(grid, 0, "CPU limit (% of a host core)", vm.cpuLimitProperty(), "power-cpu", vm::applyCpuLimit, limitsOff);
        row(grid, 1, "Disk I/O limit (MiB/s, 0 = none)", vm.diskLimitProperty(), "power-disk", vm::applyDiskLimit, limitsOff);
        row(grid, 2, "Balloon target (MiB)", vm.balloonProperty(), "power-balloon", vm::applyBalloon, vm.runningProperty().not());
        CheckBox keep = new CheckBox("_Keep after restart");
        keep.setMnemonicParsing(true);
        keep.setId("power-keep-limits");
        keep.setAccessibleText("Keep the CPU and disk limits after a restart: Apply also saves them in the VM's settings");
        keep.setTooltip(new Tooltip("Apply also saves the CPU and disk limits as the VM's settings (resources.cpu-percent,"
                + " resources.disk-bps). The balloon target is never kept."));
        keep.selectedProperty().bindBidirectional(vm.keepLimitsProperty());
        Label result = wrapped(vm.resourceResultProperty(), "power-resource-result");
        result.styleProperty().bind(Bindings.when(vm.resourceOkProperty()).then("").otherwise("-fx-text-fill: -color-danger;"));
        visibleWhen(result, vm.resourceResultProperty().isNotEmpty());
        Label hint = new Label("Apply changes the running VM until it stops. With Keep after restart, the CPU and disk limits"
                + " are also saved in its settings and apply at every start; the balloon target is never kept.");
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);
        return card("Resources", new VBox(10, grid, keep, result, hint));
    }

    private static void row(GridPane grid, int r, String label, javafx.beans.property.StringProperty value, String id, Runnable apply,
                            javafx.beans.value.ObservableBooleanValue off) {
        Label l = new Label(label);
        TextField field = new TextField();
        field.setPrefColumnCount(8);
        field.setPromptText("no limit");
        field.setId(id);
        field.setAccessibleText(label);
        field.textProperty().bindBidirectional(value);
        field.setOnAction(e -> apply.run());
        l.setLabelFor(field);
        Button b = new Button("Apply");
        b.setId(id + "-apply");
        b.setAccessibleText("Apply " + label);
        b.setOnAction(e -> apply.run());
        for (Node n : List.of(l, field, b)) n.disableProperty().bind(off);
        grid.addRow(r, l, field, b);
    }

    private static Label wrapped(javafx.beans.value.ObservableValue<String> text, String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.textProperty().bind(text);
        return l;
    }

    private static void visibleWhen(Node node, javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private static VBox card(String title, Node body) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        VBox card = new VBox(10, t, body);
        card.getStyleClass().add("card");
        VBox.setVgrow(card, Priority.NEVER);
        return card;
    }
}
