package org.vmstation.app.gui.view;

import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ScrollPane;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.vmstation.app.gui.usb.UsbViewModel;

/** Machine › USB devices: the same list as the details pane's USB section, in its own window. */
public final class UsbDialog extends Dialog<Void> {
    public UsbDialog(Window owner, UsbViewModel vm) {
        initOwner(owner);
        initModality(Modality.NONE);
        titleProperty().bind(Bindings.createStringBinding(
                () -> vm.vmProperty().get() == null ? "USB devices" : "USB devices — " + vm.vmProperty().get().name(), vm.vmProperty()));
        setHeaderText("Host USB devices");
        UsbDevicesView view = new UsbDevicesView(vm, "usb-dialog");
        view.setStyle("-fx-padding: 4 2 4 2;");
        ScrollPane scroll = new ScrollPane(view);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportWidth(560);
        scroll.setPrefViewportHeight(260);
        scroll.setStyle("-fx-background-color: transparent; -fx-background: -color-bg;");
        getDialogPane().setContent(scroll);
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        getDialogPane().setId("usb-dialog");
        if (owner != null && owner.getScene() != null) getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        setResizable(true);
        vm.refresh();
    }
}
