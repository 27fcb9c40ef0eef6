package org.vmstation.app.gui.view;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.TextArea;
import javafx.util.Duration;
import org.vmstation.app.gui.details.LogFollower;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;

/** A read-only text area that follows a log file, reading on the executor twice a second while shown. */
final class LogView extends TextArea {
    /** Characters kept in the area; older text is dropped so a chatty guest cannot grow memory without bound. */
    private static final int MAX_CHARS = 400_000;
    private final TaskExecutor executor;
    private final Timeline timer;
    private LogFollower follower;
    private boolean reading;

    LogView(TaskExecutor executor, String id) {
        this.executor = executor;
        setEditable(false);
        setWrapText(false);
        getStyleClass().add("log-area");
        setId(id);
        timer = new Timeline(new KeyFrame(Duration.millis(500), e -> poll()));
        timer.setCycleCount(Timeline.INDEFINITE);
    }

    /** Follows {@code file} (null stops following and clears the area). */
    void follow(Supplier<Path> file) {
        timer.stop();
        clear();
        Path p = file == null ? null : file.get();
        follower = p == null ? null : new LogFollower(p);
        if (follower != null) {
            setPromptText("Nothing logged yet in " + p);
            poll();
            timer.play();
        }
    }

    private void poll() {
        LogFollower f = follower;
        if (f == null || reading) return;
        reading = true;
        executor.execute(BackgroundTask.of("Reading " + f.file(), p -> f.readNew())
                .onSuccess(chunk -> {
                    if (f != follower) return;
                    if (chunk.reset()) clear();
                    if (!chunk.text().isEmpty()) {
                        appendText(chunk.text());
                        if (getLength() > MAX_CHARS) deleteText(0, getLength() - MAX_CHARS);
                    }
                })
                .onFailure(e -> setPromptText("Cannot read " + f.file() + ": " + e.getMessage()))
                .onFinally(() -> reading = false));
    }

    void stop() { timer.stop(); }
}
