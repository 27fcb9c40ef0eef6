package org.vmstation.app.gui.view;

import java.io.File;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.textfield.CustomTextField;

/** Small composite controls the forms share: a path field with Browse, a slider with a number and unit. */
final class Controls {
    private Controls() {}

    /**
     * A rounded search field (ControlsFX {@link CustomTextField}): a magnifier at the left and, once something is
     * typed, a button at the right that clears the text (it is also reachable as "Clear the search" by screen readers).
     */
    static CustomTextField searchField(String prompt, String id, String accessibleText) {
        CustomTextField field = new CustomTextField();
        field.setPromptText(prompt);
        field.getStyleClass().add("search-field");
        field.setId(id);
        field.setAccessibleText(accessibleText);
        field.setLeft(Icons.icon(Icons.SEARCH));
        Button clear = new Button(null, Icons.icon(Icons.CLOSE));
        clear.getStyleClass().add("search-clear");
        clear.setId(id + "-clear");
        clear.setAccessibleText("Clear the search");
        clear.setFocusTraversable(false);
        clear.setCursor(javafx.scene.Cursor.DEFAULT);
        clear.setOnAction(e -> {
            field.clear();
            field.requestFocus();
        });
        clear.visibleProperty().bind(field.textProperty().isNotEmpty());
        field.setRight(clear);
        // Escape in a non-empty search clears it (in an empty one it goes on to the window, e.g. to close a dialog)
        field.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && !field.getText().isEmpty()) {
                field.clear();
                e.consume();
            }
        });
        return field;
    }

    static HBox pathField(StringProperty value, String id, String prompt, String chooserTitle, Consumer<File> onChosen,
                          FileChooser.ExtensionFilter... filters) {
        TextField text = new TextField();
        text.textProperty().bindBidirectional(value);
        text.setPromptText(prompt);
        text.setId(id);
        text.setAccessibleText(chooserTitle.replaceFirst("^Choose (an? )?", ""));
        HBox.setHgrow(text, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setAccessibleText(chooserTitle);
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(chooserTitle);
            chooser.getExtensionFilters().addAll(filters);
            File start = startFolder(value.get());
            if (start != null) chooser.setInitialDirectory(start);
            Window owner = browse.getScene() == null ? null : browse.getScene().getWindow();
            File f = chooser.showOpenDialog(owner);
            if (f != null) {
                if (onChosen != null) onChosen.accept(f); else value.set(f.getAbsolutePath());
            }
        });
        HBox box = new HBox(6, text, browse);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** Where file and folder choosers open (Preferences › Default VM folder); null: the chooser's own default. */
    private static volatile File defaultFolder;

    static void setDefaultFolder(File folder) { defaultFolder = folder; }

    private static File startFolder(String current) {
        if (current != null && !current.isBlank()) {
            File parent = new File(current.strip()).getParentFile();
            if (parent != null && parent.isDirectory()) return parent;
        }
        File d = defaultFolder;
        return d != null && d.isDirectory() ? d : null;
    }

    /** A path field whose Browse picks a folder. {@code name} is the field's accessible name and the chooser's title. */
    static HBox folderField(StringProperty value, String id, String prompt, String name) {
        TextField text = textField(value, id, prompt, name);
        Button browse = browseButton(name);
        browse.setOnAction(e -> {
            javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
            chooser.setTitle(name);
            File start = value.get() != null && new File(value.get()).isDirectory() ? new File(value.get()) : startFolder(value.get());
            if (start != null) chooser.setInitialDirectory(start);
            File f = chooser.showDialog(browse.getScene() == null ? null : browse.getScene().getWindow());
            if (f != null) value.set(f.getAbsolutePath());
        });
        return row(text, browse);
    }

    /** A path field whose Browse picks a file. */
    static HBox fileField(StringProperty value, String id, String prompt, String name) {
        TextField text = textField(value, id, prompt, name);
        Button browse = browseButton(name);
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(name);
            File start = startFolder(value.get());
            if (start != null) chooser.setInitialDirectory(start);
            File f = chooser.showOpenDialog(browse.getScene() == null ? null : browse.getScene().getWindow());
            if (f != null) value.set(f.getAbsolutePath());
        });
        return row(text, browse);
    }

    private static TextField textField(StringProperty value, String id, String prompt, String name) {
        TextField text = new TextField();
        text.textProperty().bindBidirectional(value);
        text.setPromptText(prompt);
        text.setId(id);
        text.setAccessibleText(name);
        HBox.setHgrow(text, Priority.ALWAYS);
        return text;
    }

    private static Button browseButton(String name) {
        Button browse = new Button("Browse…");
        browse.setAccessibleText("Browse for " + name);
        return browse;
    }

    private static HBox row(javafx.scene.Node... nodes) {
        HBox box = new HBox(6, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** A slider bounded by the host, with a spinner for exact values; both edit {@code value}. */
    static HBox slider(IntegerProperty value, int min, int max, String unit, String id) {
        int hi = Math.max(min + 1, max);
        Slider slider = new Slider(min, hi, Math.max(min, Math.min(hi, value.get())));
        slider.setShowTickMarks(false);
        slider.setBlockIncrement(unit.equals("MiB") ? 256 : 1);
        slider.setId(id + "-slider");
        Spinner<Integer> spinner = new Spinner<>(min, hi, Math.max(min, Math.min(hi, value.get())), unit.equals("MiB") ? 256 : 1);
        spinner.setEditable(true);
        spinner.setPrefWidth(110);
        spinner.setId(id);
        slider.valueProperty().addListener((o, a, b) -> {
            int v = snap(b.doubleValue(), unit);
            if (v != value.get()) value.set(v);
        });
        spinner.valueProperty().addListener((o, a, b) -> { if (b != null && b != value.get()) value.set(b); });
        value.addListener((o, a, b) -> {
            if ((int) slider.getValue() != b.intValue()) slider.setValue(b.intValue());
            if (!b.equals(spinner.getValue())) spinner.getValueFactory().setValue(b.intValue());
        });
        Label u = new Label(unit);
        u.setMinWidth(30);
        HBox.setHgrow(slider, Priority.ALWAYS);
        HBox box = new HBox(8, slider, spinner, u);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static int snap(double v, String unit) {
        return unit.equals("MiB") ? (int) (Math.round(v / 128) * 128) : (int) Math.round(v);
    }
}
