package org.vmstation.app.gui.task;

/** A submitted task, for cancelling it. */
public interface TaskHandle {
    void cancel();

    boolean isDone();
}
