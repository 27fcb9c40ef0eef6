package org.vmstation.app.viewer;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Opens the standalone console window. Kept apart from the command line, which must not touch JavaFX, so that
 * every other command starts without the toolkit.
 */
public final class ViewerLauncher {
    private ViewerLauncher() {}

    /**
     * Shows the console of the VM called {@code vmName}, whose display is exported on {@code vncSocket}, and
     * blocks until the window is closed.
     *
     * @return the process exit code: 0 when the window was closed, 1 when no window could be opened
     */
    public static int open(String vmName, Path vncSocket) {
        CountDownLatch closed = new CountDownLatch(1);
        try {
            Platform.startup(() -> {
                ConsoleWindow window = new ConsoleWindow(new Stage(), vmName, vncSocket);
                window.stage().setOnHiding(e -> closed.countDown());
                window.show();
            });
        } catch (UnsupportedOperationException | IllegalStateException e) {
            System.err.println("vmstation: cannot open a window (" + e.getMessage() + "); is a graphical desktop available (DISPLAY)?");
            return 1;
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Platform.exit();
        return 0;
    }
}
