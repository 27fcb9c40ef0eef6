package org.vmstation.app.gui.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The progress of one long task as the task panel shows it. Written by the worker thread, read by the UI through
 * {@link TaskMonitor} snapshots, so every field is volatile and the estimate is computed on demand.
 */
public final class RunningTask implements ProgressReporter, TaskHandle {
    private final String title;
    private final Clock clock;
    private final Instant started;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile double done;
    private volatile double total;
    private volatile String message = "";
    private volatile boolean finished;
    private volatile Runnable onCancel = () -> {};

    public RunningTask(String title, Clock clock) {
        this.title = title;
        this.clock = clock;
        this.started = clock.instant();
    }

    public String title() { return title; }

    public String message() { return message; }

    /** Fraction done in 0..1, or -1 when the total is unknown. */
    public double fraction() {
        double t = total;
        return t > 0 ? Math.min(1, Math.max(0, done / t)) : -1;
    }

    /** Linear estimate from progress so far; empty until there is enough to go on. */
    public Optional<Duration> remaining() {
        double f = fraction();
        if (f <= 0.01 || f >= 1) return Optional.empty();
        long elapsedMs = Duration.between(started, clock.instant()).toMillis();
        return Optional.of(Duration.ofMillis((long) (elapsedMs * (1 - f) / f)));
    }

    @Override
    public void update(double done, double total, String message) {
        this.done = done;
        this.total = total;
        if (message != null) this.message = message;
    }

    @Override public boolean isCancelled() { return cancelled.get(); }

    @Override
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) onCancel.run();
    }

    void onCancel(Runnable action) { onCancel = action; }

    void markFinished() { finished = true; }

    @Override public boolean isDone() { return finished; }
}
