package org.vmstation.app.gui;

import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxToolkit;
import org.vmstation.app.gui.view.MainWindow;

/** Ends a window test: TestFX reuses one primary stage, so a window or dialog left showing would leak into the next test. */
public final class TestWindows {
    private TestWindows() {}

    /** Disposes {@code window} (if it was opened) and hides every stage still showing, on the JavaFX thread. */
    public static void closeAll(MainWindow window) throws TimeoutException {
        FxToolkit.setupFixture(() -> {
            if (window != null) window.dispose();
            for (Window w : List.copyOf(Window.getWindows())) if (w instanceof Stage s) s.hide();
        });
    }
}
