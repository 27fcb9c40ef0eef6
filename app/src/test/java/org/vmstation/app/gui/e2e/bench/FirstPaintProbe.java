package org.vmstation.app.gui.e2e.bench;

import java.time.Instant;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Watches a JavaFX process from inside, without touching the code it measures: as soon as the toolkit is up it
 * checks {@code painted} at the start of every pulse; once it holds, the frame that drew it has been laid out, and
 * one pulse later it has been rendered (a pulse waits for the previous frame's rendering). It then prints
 * {@code PAINTED <epoch µs> <process CPU µs> main=<epoch µs> toolkit=<epoch µs> shown=<epoch µs>} on stdout (the
 * moments main() ran, the toolkit took its first task, a window first showed) and ends the process.
 */
final class FirstPaintProbe {
    static final String MARKER = "PAINTED ";
    private static volatile long mainAt, toolkitAt, shownAt;

    private FirstPaintProbe() {}

    static void watch(BooleanSupplier painted) {
        mainAt = nowMicros();
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Platform.runLater(() -> start(painted));
                    return;
                } catch (IllegalStateException toolkitNotUpYet) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "first-paint-probe");
        t.setDaemon(true);
        t.start();
    }

    private static void start(BooleanSupplier painted) {
        toolkitAt = nowMicros();
        new AnimationTimer() {
            private boolean laidOut;

            @Override
            public void handle(long now) {
                if (laidOut) {
                    long at = nowMicros();
                    long cpuMicros = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1000).orElse(-1L);
                    System.out.println(MARKER + at + " " + cpuMicros + " main=" + mainAt + " toolkit=" + toolkitAt + " shown=" + shownAt);
                    System.out.flush();
                    // exit, not halt: shutdown hooks run, so a profiler attached with -XX:StartFlightRecording writes its file
                    System.exit(0);
                }
                if (shownAt == 0 && Window.getWindows().stream().anyMatch(w -> w instanceof Stage && w.isShowing())) shownAt = nowMicros();
                laidOut = painted.getAsBoolean();
            }
        }.start();
    }

    private static long nowMicros() {
        Instant at = Instant.now();
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    }
}
