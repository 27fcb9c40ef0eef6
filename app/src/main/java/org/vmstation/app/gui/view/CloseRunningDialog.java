package org.vmstation.app.gui.view;

import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.vmstation.app.gui.prefs.CloseBehaviour;
import org.vmstation.app.gui.prefs.CloseQuestion;

/** Asks what to do with running VMs when the window closes; "Remember my choice" makes the answer the saved close behaviour. */
public final class CloseRunningDialog {
    public enum Choice { KEEP_RUNNING, SUSPEND, SHUT_DOWN, CANCEL }

    public static final ButtonType KEEP = new ButtonType("Keep running", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType SUSPEND = new ButtonType("Pause them", ButtonBar.ButtonData.OTHER);
    public static final ButtonType SHUT_DOWN = new ButtonType("Shut them down", ButtonBar.ButtonData.OTHER);

    private final Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
    private final CloseQuestion question;

    /** The dialog, not shown yet; tests show it with {@link #alert()}. */
    public CloseRunningDialog(Window owner, List<String> runningNames, CloseQuestion question) {
        this.question = question;
        alert.initOwner(owner);
        alert.setTitle("Close VMStation");
        alert.setHeaderText(runningNames.size() == 1 ? runningNames.getFirst() + " is still running"
                : runningNames.size() + " VMs are still running");
        Label text = new Label("Running VMs can keep running in the background: open VMStation again to get back to them. "
                + "Or pause them, or shut them down now.");
        text.setWrapText(true);
        text.setPrefWidth(440);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        CheckBox remember = new CheckBox("Remember my choice and don't ask again");
        remember.setId("close-remember");
        remember.selectedProperty().bindBidirectional(question.rememberProperty());
        Label where = new Label("Edit › Preferences › Window changes it later.");
        where.getStyleClass().add("field-hint");
        VBox content = new VBox(12, text, new VBox(2, remember, where));
        alert.getDialogPane().setContent(content);
        alert.getButtonTypes().setAll(KEEP, SUSPEND, SHUT_DOWN, ButtonType.CANCEL);
        if (owner != null && owner.getScene() != null) alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        alert.getDialogPane().setId("close-dialog");
    }

    /** Asks and waits; {@code question} says where a remembered answer goes. */
    public static Choice ask(Window owner, List<String> runningNames, CloseQuestion question) {
        CloseRunningDialog dialog = new CloseRunningDialog(owner, runningNames, question);
        return dialog.choiceFor(dialog.alert.showAndWait());
    }

    public Alert alert() { return alert; }

    /** The choice for the button the user pressed (none: cancelled), remembering it when asked to. */
    Choice choiceFor(Optional<ButtonType> answer) {
        Choice choice = answer.isEmpty() || answer.get() == ButtonType.CANCEL ? Choice.CANCEL
                : answer.get() == SUSPEND ? Choice.SUSPEND
                : answer.get() == SHUT_DOWN ? Choice.SHUT_DOWN
                : Choice.KEEP_RUNNING;
        Optional<String> problem = question.answer(Optional.ofNullable(switch (choice) {
            case KEEP_RUNNING -> CloseBehaviour.KEEP_RUNNING;
            case SUSPEND -> CloseBehaviour.SUSPEND;
            case SHUT_DOWN -> CloseBehaviour.SHUT_DOWN;
            case CANCEL -> null;
        }));
        problem.ifPresent(why -> {
            Alert error = new Alert(Alert.AlertType.ERROR, why);
            error.initOwner(alert.getOwner());
            error.setHeaderText("Could not remember the choice");
            error.getDialogPane().getStylesheets().setAll(alert.getDialogPane().getStylesheets());
            error.showAndWait();
        });
        return choice;
    }
}
