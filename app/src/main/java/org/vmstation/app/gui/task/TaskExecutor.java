package org.vmstation.app.gui.task;

/**
 * Runs blocking work away from the UI thread. The window uses {@link ThreadPoolTaskExecutor}; view-model tests
 * use {@link DirectTaskExecutor}, which runs everything at once on the calling thread.
 */
public interface TaskExecutor extends AutoCloseable {
    <T> TaskHandle execute(BackgroundTask<T> task);

    /** Runs a small action on the UI thread (or at once, in tests). */
    void runOnUiThread(Runnable action);

    /** Long-running tasks, for the task panel. */
    TaskMonitor monitor();

    @Override
    void close();
}
