package org.vmstation.app.gui;

import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxToolkit;
import org.vmstation.app.gui.view.ConsoleProvider;
import org.vmstation.app.gui.view.MainWindow;

/**
 * Opens and ends window tests: the real window on TestFX's primary stage, as {@link WorkstationApp} opens it. TestFX
 * reuses that one stage, so a window or dialog left showing would leak into the next test: end each with
 * {@link #closeAll}.
 */
public final class TestWindows {
    private TestWindows() {}

    /** Opens the application's window with {@code services} on TestFX's primary stage, on the JavaFX thread. */
    public static MainWindow open(AppServices services, ConsoleProvider consoles) throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        MainWindow[] window = new MainWindow[1];
        FxToolkit.setupFixture(() -> window[0] = WorkstationApp.open(stage, services, consoles));
        return window[0];
    }

    /** Disposes {@code window} (if it was opened) and hides every stage still showing, on the JavaFX thread. */
    public static void closeAll(MainWindow window) throws TimeoutException {
        FxToolkit.setupFixture(() -> {
            if (window != null) window.dispose();
            for (Window w : List.copyOf(Window.getWindows())) if (w instanceof Stage s) s.hide();
        });
    }
}
