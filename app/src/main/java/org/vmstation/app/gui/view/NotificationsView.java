package org.vmstation.app.gui.view;

import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.vmstation.app.gui.notify.Notification;
import org.vmstation.app.gui.notify.NotificationCenter;

/** Notification cards stacked in the window's lower right corner. Info fades after a few seconds; errors stay. */
final class NotificationsView extends VBox {
    NotificationsView(NotificationCenter center) {
        getStyleClass().add("notification-stack");
        setId("notifications");
        setPickOnBounds(false);
        center.notifications().addListener((ListChangeListener<Notification>) c -> {
            getChildren().clear();
            for (Notification n : center.notifications()) getChildren().add(card(center, n));
        });
    }

    private static HBox card(NotificationCenter center, Notification n) {
        Label title = new Label(n.title());
        title.getStyleClass().add("title");
        title.setWrapText(true);
        Label message = new Label(n.message());
        message.getStyleClass().add("message");
        message.setWrapText(true);
        VBox text = new VBox(3, title, message);
        if (!n.advice().isEmpty()) {
            Label advice = new Label(n.advice());
            advice.getStyleClass().add("advice");
            advice.setWrapText(true);
            text.getChildren().add(advice);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button(null, Icons.icon(Icons.CLOSE));
        close.getStyleClass().add("chip-close");
        close.setAccessibleText("Dismiss: " + n.title());
        close.setTooltip(new javafx.scene.control.Tooltip("Dismiss"));
        close.setOnAction(e -> center.dismiss(n));
        boolean error = n.kind() == Notification.Kind.ERROR;
        boolean warning = n.kind() == Notification.Kind.WARNING;
        HBox card = new HBox(10, Icons.icon(error ? Icons.ERROR : warning ? Icons.WARNING : Icons.INFO, error ? "danger" : warning ? "warning" : "accent"), text, close);
        card.getStyleClass().addAll("notification", n.kind().name().toLowerCase(java.util.Locale.ROOT));
        card.setAccessibleText(n.title() + ". " + n.message());
        if (!error && !warning) {
            PauseTransition fade = new PauseTransition(Duration.seconds(6));
            fade.setOnFinished(e -> center.dismiss(n));
            fade.play();
        }
        return card;
    }
}
