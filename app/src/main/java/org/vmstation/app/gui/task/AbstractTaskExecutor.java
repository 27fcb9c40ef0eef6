package org.vmstation.app.gui.task;

import java.time.Clock;
import java.util.concurrent.CancellationException;

/** The common lifecycle of a task: run the work, then hand result or error to the UI thread. */
abstract class AbstractTaskExecutor implements TaskExecutor {
    private final TaskMonitor monitor = new TaskMonitor();
    private final Clock clock;

    AbstractTaskExecutor(Clock clock) { this.clock = clock; }

    @Override public TaskMonitor monitor() { return monitor; }

    /** Runs on the worker thread. */
    <T> void runTask(BackgroundTask<T> task, RunningTask state) {
        if (task.isShownInTaskPanel()) runOnUiThread(() -> monitor.started(state));
        try {
            state.checkCancelled();
            T result = task.work().call(state);
            runOnUiThread(() -> task.successHandler().accept(result));
        } catch (Exception e) {
            Exception error = e;
            runOnUiThread(() -> {
                if (error instanceof CancellationException) return; // the user asked for it: nothing to report
                if (task.failureHandler() != null) task.failureHandler().accept(error);
                else monitor.failed(task.title(), error);
            });
        } finally {
            state.markFinished();
            runOnUiThread(() -> {
                if (task.isShownInTaskPanel()) monitor.finished(state);
                task.finallyHandler().run();
            });
        }
    }

    RunningTask newState(BackgroundTask<?> task) { return new RunningTask(task.title(), clock); }
}
