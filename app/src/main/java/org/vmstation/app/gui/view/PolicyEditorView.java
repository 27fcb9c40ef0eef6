package org.vmstation.app.gui.view;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.vmstation.app.gui.policy.ActionKind;
import org.vmstation.app.gui.policy.ConditionKind;
import org.vmstation.app.gui.policy.LogRow;
import org.vmstation.app.gui.policy.PolicyEditorViewModel;
import org.vmstation.app.gui.policy.RuleForm;
import org.vmstation.app.gui.policy.RuleRow;
import org.vmstation.app.gui.policy.TargetKind;

/**
 * The host power policy editor (Preferences › Power policy): the host's state, the rules with a checkbox each,
 * a form for the selected rule, and the log of what the policy did with Undo. A thin view over
 * {@link PolicyEditorViewModel}.
 */
public final class PolicyEditorView extends VBox {
    public PolicyEditorView(PolicyEditorViewModel vm) {
        super(8);
        setId("policy-editor");
        setPadding(new Insets(10, 4, 4, 4));

        Label host = new Label();
        host.setId("policy-host");
        host.setWrapText(true);
        host.textProperty().bind(vm.hostTextProperty());

        ListView<RuleRow> rules = new ListView<>(vm.rules());
        rules.setId("policy-rules");
        rules.setPrefHeight(150);
        rules.setPlaceholder(wrapping(new Label("No rules: VMs run the same on battery as on AC. Add one below.")));
        rules.setCellFactory(l -> new RuleCell(vm));
        rules.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedRuleProperty().set(now));
        vm.selectedRuleProperty().addListener((o, was, now) -> {
            if (rules.getSelectionModel().getSelectedItem() != now) rules.getSelectionModel().select(now);
        });

        Button add = new Button("Add rule");
        add.setId("policy-add");
        add.setOnAction(e -> vm.addRule());
        Button remove = new Button("Remove");
        remove.setId("policy-remove");
        remove.disableProperty().bind(vm.canEdit().not());
        remove.setOnAction(e -> vm.removeSelected());

        Label error = new Label();
        error.setId("policy-error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        ListView<LogRow> log = new ListView<>(vm.log());
        log.setId("policy-log");
        log.setPrefHeight(140);
        log.setPlaceholder(wrapping(new Label("Nothing done yet: actions appear here as the host's power changes.")));
        log.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(LogRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.text());
                setTooltip(empty || row == null ? null : new Tooltip(row.action().rule()));
            }
        });
        log.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedLogProperty().set(now));
        vm.selectedLogProperty().addListener((o, was, now) -> {
            if (log.getSelectionModel().getSelectedItem() != now) log.getSelectionModel().select(now);
        });
        Button undo = new Button("Undo");
        undo.setId("policy-undo");
        undo.setTooltip(new Tooltip("Undo the selected action now (resume the VM, lift the cap)"));
        undo.disableProperty().bind(vm.canUndo().not());
        undo.setOnAction(e -> vm.undoSelected());

        Label hint = new Label("Rule changes are saved and take effect at once. Rules act when their condition starts and are"
                + " undone when it ends. Suspend to disk is not available yet: such a rule pauses the VMs and says so.");
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);

        // the rules beside the form, the log beside its Undo: the page fits the Preferences dialog's height
        VBox ruleList = new VBox(6, new Label("Rules"), rules, new HBox(6, add, remove));
        HBox.setHgrow(ruleList, Priority.ALWAYS);
        VBox.setVgrow(rules, Priority.ALWAYS);
        rules.setMinHeight(90);
        HBox.setHgrow(log, Priority.ALWAYS);
        log.setMinHeight(90);
        for (Label l : new Label[] {host, error, hint}) l.setMinHeight(Region.USE_PREF_SIZE); // wrap instead of "…"
        HBox logRow = new HBox(6, log, undo);
        VBox.setVgrow(logRow, Priority.ALWAYS);
        getChildren().addAll(host, new HBox(12, ruleList, form(vm)), error, hint, new Label("Applied actions"), logRow);
        vm.refreshHost();
    }

    private static GridPane form(PolicyEditorViewModel vm) {
        RuleForm f = vm.form();
        ComboBox<ConditionKind> when = combo(ConditionKind.values(), "policy-when");
        when.valueProperty().bindBidirectional(f.whenProperty());
        TextField below = percentField(f.belowPercentProperty(), "policy-below", f.needsThreshold());
        ComboBox<ActionKind> action = combo(ActionKind.values(), "policy-action");
        action.valueProperty().bindBidirectional(f.actionProperty());
        TextField cpu = percentField(f.cpuPercentProperty(), "policy-cpu", f.needsCpuPercent());
        ComboBox<TargetKind> target = combo(TargetKind.values(), "policy-target");
        target.valueProperty().bindBidirectional(f.targetProperty());
        target.visibleProperty().bind(f.needsTarget());
        TextField tag = new TextField();
        tag.setId("policy-tag");
        tag.setPromptText("tag");
        tag.setPrefColumnCount(10);
        tag.textProperty().bindBidirectional(f.tagProperty());
        tag.visibleProperty().bind(f.needsTag().and(f.needsTarget()));
        Button save = new Button("Save rule");
        save.setId("policy-save-rule");
        save.setDefaultButton(false);
        save.setOnAction(e -> vm.applyForm());

        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(6);
        // one column of choices, each with its value field under it, so the form stays narrow beside the list
        g.addRow(0, fieldLabel("When", when), when);
        g.add(below, 1, 1);
        g.addRow(2, fieldLabel("Do", action), action);
        g.add(cpu, 1, 3);
        g.addRow(4, fieldLabel("To", target), target);
        g.add(tag, 1, 5);
        g.add(save, 1, 6);
        for (javafx.scene.Node n : new javafx.scene.Node[] {below, cpu, tag}) n.managedProperty().bind(n.visibleProperty());
        g.disableProperty().bind(vm.canEdit().not());
        return g;
    }

    /** A label that keeps its text when the dialog is narrow (it was squeezed to "…"), and names its field for screen readers. */
    private static Label fieldLabel(String text, javafx.scene.control.Control field) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setLabelFor(field);
        return l;
    }

    private static <T> ComboBox<T> combo(T[] values, String id) {
        ComboBox<T> c = new ComboBox<>();
        c.getItems().setAll(values);
        c.setId(id);
        return c;
    }

    private static TextField percentField(javafx.beans.property.StringProperty value, String id, javafx.beans.value.ObservableBooleanValue shown) {
        TextField t = new TextField();
        t.setId(id);
        t.setPrefColumnCount(4);
        t.setPromptText("%");
        t.textProperty().bindBidirectional(value);
        t.visibleProperty().bind(shown);
        return t;
    }

    /** A rule with its enable checkbox. */
    private static final class RuleCell extends ListCell<RuleRow> {
        private final CheckBox enabled = new CheckBox();

        RuleCell(PolicyEditorViewModel vm) {
            enabled.setOnAction(e -> {
                if (getItem() != null) vm.setEnabled(getItem(), enabled.isSelected());
            });
        }

        @Override
        protected void updateItem(RuleRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            enabled.setSelected(row.enabled());
            enabled.setId("policy-enabled-" + getIndex());
            setGraphic(enabled);
            setText(row.text());
        }
    }

    /** A list's placeholder is as wide as the list: wrap it rather than cut it off with "…". */
    private static Label wrapping(Label label) {
        label.setWrapText(true);
        label.setPadding(new javafx.geometry.Insets(8));
        return label;
    }
}
