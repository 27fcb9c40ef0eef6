package org.vmstation.app.gui.view;

import java.time.Duration;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.vmstation.app.gui.library.LibraryViewModel;
import org.vmstation.app.gui.task.RunningTask;
import org.vmstation.app.gui.task.TaskMonitor;

/** The bottom bar: long tasks with progress, remaining time and cancel; the library's counts on the right. */
final class StatusBar extends HBox {
    private final HBox tasks = new HBox(16);
    private final Timeline ticker;
    private List<RunningTask> shown = List.of();

    StatusBar(TaskMonitor monitor, LibraryViewModel library, String hostName) {
        getStyleClass().add("status-bar");
        setId("status-bar");
        Label counts = new Label();
        counts.textProperty().bind(Bindings.createStringBinding(() -> {
            long running = library.allItems().stream().filter(i -> i.state().isActive()).count();
            int n = library.allItems().size();
            return n + (n == 1 ? " VM · " : " VMs · ") + running + " running · " + hostName;
        }, library.allItems()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().setAll(tasks, spacer, counts);
        monitor.addListener(this::render);
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.millis(250), e -> render(shown)));
        ticker.setCycleCount(Timeline.INDEFINITE);
    }

    private void render(List<RunningTask> running) {
        shown = running;
        tasks.getChildren().clear();
        for (RunningTask t : running) {
            ProgressBar bar = new ProgressBar(t.fraction());
            bar.setAccessibleText(t.title() + (t.fraction() < 0 ? "" : ", " + Math.round(t.fraction() * 100) + " percent"));
            Label label = new Label(t.title() + (t.message().isEmpty() ? "" : " — " + t.message())
                    + t.remaining().map(StatusBar::remaining).orElse(""));
            Button cancel = new Button(null, Icons.icon(Icons.CLOSE));
            cancel.getStyleClass().add("chip-close");
            cancel.setTooltip(new Tooltip("Cancel " + t.title()));
            cancel.setAccessibleText("Cancel " + t.title());
            cancel.setOnAction(e -> t.cancel());
            HBox row = new HBox(8, bar, label, cancel);
            row.getStyleClass().add("task-row");
            tasks.getChildren().add(row);
        }
        if (running.isEmpty()) ticker.stop(); else ticker.play();
    }

    static String remaining(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? " · " + Math.max(1, s) + " s left" : " · " + (s / 60) + " min " + (s % 60) + " s left";
    }
}
