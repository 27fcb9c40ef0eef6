package org.vmstation.app.gui.e2e.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The yardstick of the cold-start benchmark: the least a JavaFX program can show, a Stage with a Label. */
public final class MinimalWindowMain {
    private MinimalWindowMain() {}

    public static void main(String[] args) {
        AtomicReference<Label> shown = new AtomicReference<>();
        FirstPaintProbe.watch(() -> {
            Label label = shown.get();
            return label != null && label.getWidth() > 0 && label.getScene() != null
                    && label.getScene().getWindow() != null && label.getScene().getWindow().isShowing();
        });
        Platform.startup(() -> {
            Label label = new Label("Hello");
            shown.set(label);
            Stage stage = new Stage();
            stage.setTitle("Minimal");
            stage.setScene(new Scene(new StackPane(label), 1180, 760));
            stage.show();
        });
        // as the app does, the main thread waits for the window (the probe ends the process)
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
