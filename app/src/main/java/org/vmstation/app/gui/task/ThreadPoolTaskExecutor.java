package org.vmstation.app.gui.task;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Runs work on virtual threads and callbacks on the JavaFX application thread. */
public final class ThreadPoolTaskExecutor extends AbstractTaskExecutor {
    private final ExecutorService pool;

    public ThreadPoolTaskExecutor() {
        super(Clock.systemUTC());
        pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vmstation-task-", 0).factory());
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        RunningTask state = newState(task);
        Future<?> future;
        try {
            future = pool.submit(() -> runTask(task, state));
        } catch (RejectedExecutionException closed) {
            // The window that owns this executor is gone; a timer of one of its views may still fire once.
            // Its work has no one to report to: it ends cancelled instead of throwing on the JavaFX thread.
            state.cancel();
            state.markFinished();
            return state;
        }
        // Interrupt blocking work too, not only work that polls isCancelled()
        state.onCancel(() -> future.cancel(true));
        return state;
    }

    @Override
    public void runOnUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) action.run(); else Platform.runLater(action);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
