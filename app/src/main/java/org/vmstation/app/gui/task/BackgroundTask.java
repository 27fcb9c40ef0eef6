package org.vmstation.app.gui.task;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One piece of blocking work (an engine call, a disk creation) with what to do on the UI thread afterwards.
 * Built fluently, run by a {@link TaskExecutor}; the callbacks always run on the UI thread.
 */
public final class BackgroundTask<T> {
    /** The work itself; it reports progress and checks for cancellation through {@code progress}. */
    @FunctionalInterface
    public interface Work<T> {
        T call(ProgressReporter progress) throws Exception;
    }

    private final String title;
    private final Work<T> work;
    private Consumer<T> onSuccess = r -> {};
    private Consumer<Exception> onFailure;
    private Runnable onFinally = () -> {};
    private boolean showInTaskPanel;

    private BackgroundTask(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title, "title");
        this.work = Objects.requireNonNull(work, "work");
    }

    public static <T> BackgroundTask<T> of(String title, Work<T> work) { return new BackgroundTask<>(title, work); }

    public static BackgroundTask<Void> ofRunnable(String title, ThrowingRunnable work) {
        return new BackgroundTask<>(title, p -> { work.run(); return null; });
    }

    @FunctionalInterface
    public interface ThrowingRunnable { void run() throws Exception; }

    public BackgroundTask<T> onSuccess(Consumer<T> action) { onSuccess = Objects.requireNonNull(action); return this; }

    /** Without a failure handler the executor hands the error to its default handler (a notification). */
    public BackgroundTask<T> onFailure(Consumer<Exception> action) { onFailure = action; return this; }

    public BackgroundTask<T> onFinally(Runnable action) { onFinally = Objects.requireNonNull(action); return this; }

    /** Long work (disk creation, import) is listed in the task panel with progress and a cancel button. */
    public BackgroundTask<T> showInTaskPanel() { showInTaskPanel = true; return this; }

    public String title() { return title; }
    public Work<T> work() { return work; }
    public Consumer<T> successHandler() { return onSuccess; }
    public Consumer<Exception> failureHandler() { return onFailure; }
    public Runnable finallyHandler() { return onFinally; }
    public boolean isShownInTaskPanel() { return showInTaskPanel; }
}
