package org.vmstation.app.gui.view;

import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Asks what to do with running VMs when the window closes. */
public final class CloseRunningDialog {
    public enum Choice { KEEP_RUNNING, SUSPEND, SHUT_DOWN, CANCEL }

    public static final ButtonType KEEP = new ButtonType("Keep running", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType SUSPEND = new ButtonType("Pause them", ButtonBar.ButtonData.OTHER);
    public static final ButtonType SHUT_DOWN = new ButtonType("Shut them down", ButtonBar.ButtonData.OTHER);

    private CloseRunningDialog() {}

    public static Choice ask(Window owner, List<String> runningNames) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner);
        alert.setTitle("Close VMStation");
        alert.setHeaderText(runningNames.size() == 1 ? runningNames.getFirst() + " is still running"
                : runningNames.size() + " VMs are still running");
        alert.setContentText("Running VMs can keep running in the background: open VMStation again to get back to them. "
                + "Or pause them, or shut them down now. (Edit › Preferences can make one of these the answer every time.)");
        alert.getButtonTypes().setAll(KEEP, SUSPEND, SHUT_DOWN, ButtonType.CANCEL);
        if (owner != null && owner.getScene() != null) alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        alert.getDialogPane().setId("close-dialog");
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) return Choice.CANCEL;
        if (answer.get() == SUSPEND) return Choice.SUSPEND;
        if (answer.get() == SHUT_DOWN) return Choice.SHUT_DOWN;
        return Choice.KEEP_RUNNING;
    }
}
