package org.vmstation.app.gui.view;

import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.vmstation.app.gui.form.DefinitionForm;
import org.vmstation.engine.model.ValidationProblem;

/** Builds label / control / inline-error rows for the wizard and settings forms. */
final class FormGrid extends GridPane {
    private int row;

    FormGrid() {
        getStyleClass().add("form");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(120);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        getColumnConstraints().setAll(labels, controls);
    }

    void section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("section");
        add(l, 0, row++, 2, 1);
    }

    /** A labelled control; {@code accessible} also becomes the label's mnemonic target. */
    void field(String label, Node control) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        l.setLabelFor(control);
        if (control instanceof Control c && c.getAccessibleText() == null) c.setAccessibleText(label);
        if (control instanceof Control c) c.setMaxWidth(Double.MAX_VALUE);
        // labels sit level with the first line of tall controls (lists, text areas), not in their middle
        javafx.scene.layout.GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        l.setPadding(new javafx.geometry.Insets(5, 0, 0, 0));
        addRow(row++, l, control);
    }

    /** The inline message for the validator's fields starting with {@code fieldPrefix}; hidden when fine. */
    void error(DefinitionForm form, String fieldPrefix) {
        Label err = new Label();
        err.getStyleClass().add("field-error");
        err.setWrapText(true);
        ObservableList<ValidationProblem> problems = form.problems();
        err.textProperty().bind(Bindings.createStringBinding(() -> form.messageFor(fieldPrefix), problems));
        err.visibleProperty().bind(err.textProperty().isNotEmpty());
        err.managedProperty().bind(err.visibleProperty());
        err.setId("error-" + fieldPrefix.replaceAll("[^A-Za-z]", ""));
        add(err, 1, row++);
    }

    void hint(String text) {
        Label h = new Label(text);
        h.getStyleClass().add("field-hint");
        h.setWrapText(true);
        add(h, 1, row++);
    }

    void full(Node node) { add(node, 0, row++, 2, 1); }
}
