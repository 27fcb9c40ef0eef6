package org.vmstation.engine.importer.service;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns per-disk fractions into one overall {@link ImportProgress}, weighting each disk by its bytes, and
 * estimates the time left from the rate so far (once a second has passed and something was done).
 */
final class ProgressTracker {
    private final Consumer<ImportProgress> listener;
    private final long total;
    private final LongSupplier nanoClock;
    private final long start;
    private long finished;

    ProgressTracker(Consumer<ImportProgress> listener, long totalBytes, LongSupplier nanoClock) {
        this.listener = listener == null ? p -> {} : listener;
        this.total = Math.max(0, totalBytes);
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /** Reports progress inside the current disk of {@code diskBytes}. */
    void update(String step, long diskBytes, double diskFraction) {
        long done = finished + Math.round(Math.clamp(diskFraction, 0.0, 1.0) * diskBytes);
        listener.accept(new ImportProgress(fraction(done), step, done, total, remaining(done)));
    }

    /** Marks a disk of {@code diskBytes} done. */
    void diskDone(String step, long diskBytes) {
        finished += diskBytes;
        listener.accept(new ImportProgress(fraction(finished), step, finished, total, remaining(finished)));
    }

    void step(String step) {
        listener.accept(new ImportProgress(fraction(finished), step, finished, total, remaining(finished)));
    }

    private double fraction(long done) {
        return total == 0 ? 0.0 : Math.clamp((double) done / total, 0.0, 1.0);
    }

    private Duration remaining(long done) {
        long elapsed = nanoClock.getAsLong() - start;
        if (done <= 0 || elapsed < 1_000_000_000L) return null;
        double perByte = (double) elapsed / done;
        return Duration.ofNanos(Math.round(perByte * Math.max(0, total - done)));
    }
}
