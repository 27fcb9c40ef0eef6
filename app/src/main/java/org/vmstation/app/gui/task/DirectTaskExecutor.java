package org.vmstation.app.gui.task;

import java.time.Clock;

/** Runs every task at once on the calling thread: view-model tests see results synchronously. */
public final class DirectTaskExecutor extends AbstractTaskExecutor {
    public DirectTaskExecutor() { super(Clock.systemUTC()); }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        RunningTask state = newState(task);
        runTask(task, state);
        return state;
    }

    @Override public void runOnUiThread(Runnable action) { action.run(); }

    @Override public void close() {}
}
