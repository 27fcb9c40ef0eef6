package org.vmstation.app.gui.e2e.bench;

import java.time.Instant;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Watches a JavaFX process from inside, without touching the code it measures: as soon as the toolkit is up it
 * checks {@code painted} at the start of every pulse; once it holds, the frame that drew it has been laid out, and
 * one pulse later it has been rendered (a pulse waits for the previous frame's rendering). It then prints
 * {@code PAINTED <epoch microseconds>} on stdout and ends the process.
 */
final class FirstPaintProbe {
    static final String MARKER = "PAINTED ";

    private FirstPaintProbe() {}

    static void watch(BooleanSupplier painted) {
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
        new AnimationTimer() {
            private boolean laidOut;

            @Override
            public void handle(long now) {
                if (laidOut) {
                    Instant at = Instant.now();
                    System.out.println(MARKER + (at.getEpochSecond() * 1_000_000L + at.getNano() / 1000));
                    System.out.flush();
                    Runtime.getRuntime().halt(0);
                }
                laidOut = painted.getAsBoolean();
            }
        }.start();
    }
}
