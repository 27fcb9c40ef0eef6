package org.vmstation.app.gui.task;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The long tasks in flight, and the place errors of tasks without their own handler go. */
public final class TaskMonitor {
    private final List<RunningTask> running = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<RunningTask>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Consumer<TaskFailure> defaultFailureHandler = f -> {};

    /** An error no one else handled: the task's title and the exception. */
    public record TaskFailure(String taskTitle, Exception error) {}

    public List<RunningTask> running() { return List.copyOf(running); }

    /** Called on the UI thread whenever a long task starts or ends. */
    public void addListener(Consumer<List<RunningTask>> listener) { listeners.add(listener); }

    public void setDefaultFailureHandler(Consumer<TaskFailure> handler) { defaultFailureHandler = handler; }

    void started(RunningTask task) { running.add(task); fire(); }

    void finished(RunningTask task) { running.remove(task); fire(); }

    void failed(String title, Exception e) { defaultFailureHandler.accept(new TaskFailure(title, e)); }

    private void fire() {
        List<RunningTask> now = running();
        listeners.forEach(l -> l.accept(now));
    }
}
