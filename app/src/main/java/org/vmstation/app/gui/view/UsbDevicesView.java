package org.vmstation.app.gui.view;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.vmstation.app.gui.usb.UsbDeviceRow;
import org.vmstation.app.gui.usb.UsbViewModel;

/**
 * The host's USB devices for the selected VM: name, ids, where the device is, a Connect/Disconnect button and
 * a Remember box per device; a clear empty state when there are none. Binds to {@link UsbViewModel}.
 */
public final class UsbDevicesView extends VBox {
    /** A USB trident. */
    static final String USB_ICON = Icons.USB;

    private final UsbViewModel vm;
    private final VBox list = new VBox(8);
    private final VBox empty;
    private final Label hint = new Label();

    public UsbDevicesView(UsbViewModel vm, String idPrefix) {
        super(10);
        this.vm = vm;
        setId(idPrefix);
        Label emptyTitle = new Label();
        emptyTitle.textProperty().bind(vm.emptyTextProperty());
        emptyTitle.setStyle("-fx-font-weight: bold; -fx-text-fill: -color-fg;");
        emptyTitle.setWrapText(true);
        emptyTitle.setId(idPrefix + "-empty");
        Label emptyHint = new Label("Plug a device in: it appears here by itself.");
        emptyHint.getStyleClass().add("field-hint");
        HBox emptyBox = new HBox(12, Icons.icon(USB_ICON, "large"), new VBox(2, emptyTitle, emptyHint));
        emptyBox.setAlignment(Pos.CENTER_LEFT);
        empty = new VBox(emptyBox);
        empty.setStyle("-fx-padding: 6 0 6 0;");

        hint.textProperty().bind(vm.hintProperty());
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);
        list.setId(idPrefix + "-list");
        getChildren().addAll(empty, list, hint);
        vm.rows().addListener((ListChangeListener<UsbDeviceRow>) c -> render(idPrefix));
        render(idPrefix);
    }

    private void render(String idPrefix) {
        boolean none = vm.rows().isEmpty();
        empty.setVisible(none);
        empty.setManaged(none);
        list.setVisible(!none);
        list.setManaged(!none);
        hint.setVisible(!none); // how connecting works matters only when there is something to connect
        hint.setManaged(!none);
        list.getChildren().clear();
        int i = 0;
        for (UsbDeviceRow row : vm.rows()) list.getChildren().add(rowView(row, idPrefix + "-" + i++));
    }

    private Node rowView(UsbDeviceRow row, String id) {
        Label name = new Label(row.name());
        name.setStyle("-fx-font-weight: bold; -fx-text-fill: -color-fg;");
        Label detail = new Label(row.detail());
        detail.getStyleClass().add("field-hint");
        Label status = new Label(row.status());
        status.setStyle("-fx-font-size: 12px; -fx-text-fill: " + statusColour(row) + ";");
        status.setId(id + "-status");
        VBox text = new VBox(2, name, detail, status);
        if (row.hasProblem()) {
            Label problem = new Label(row.problem());
            problem.setWrapText(true);
            problem.setStyle("-fx-font-size: 12px; -fx-text-fill: -color-danger;");
            problem.setTooltip(new Tooltip(row.state().access().describe()));
            text.getChildren().add(problem);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);

        CheckBox remember = new CheckBox("Remember");
        remember.setSelected(row.remembered());
        remember.setDisable(vm.vmProperty().get() == null);
        remember.setTooltip(new Tooltip("Connect this device to the VM every time it starts"));
        remember.setAccessibleText("Remember " + row.name() + " for this VM");
        remember.setOnAction(e -> vm.setRemembered(row, remember.isSelected()));
        remember.setId(id + "-remember");

        Button action = new Button(row.action().label());
        if (row.connectedHere()) action.getStyleClass().add("danger");
        action.setDisable(!row.actionEnabled());
        action.setTooltip(new Tooltip(row.why()));
        action.setAccessibleText(row.action().label() + " " + row.name());
        action.setOnAction(e -> vm.toggle(row));
        action.setId(id + "-action");
        remember.setMinWidth(Region.USE_PREF_SIZE); // a long problem text wraps; the controls keep their size
        action.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox line = new HBox(12, Icons.icon(USB_ICON, "large"), text, spacer, remember, action);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setStyle("-fx-padding: 8 10 8 10; -fx-background-color: -color-surface-alt; -fx-background-radius: 8;");
        // a disabled button shows no tooltip of its own: the row says why
        Tooltip.install(line, new Tooltip(row.why()));
        return line;
    }

    private static String statusColour(UsbDeviceRow row) {
        if (row.connectedHere()) return "-color-success";
        return switch (row.state().state()) {
            case FREE -> "-color-fg-muted";
            case IN_VM -> "-color-warning";
            case NOT_ACCESSIBLE -> "-color-danger";
        };
    }
}
