package org.vmstation.app.gui.e2e.bench;

import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.vmstation.app.Main;

/**
 * The measured side of the cold-start benchmark: {@code vmstation ARGS} exactly as the launcher runs it, through
 * {@link Main#run} (the benchmark passes {@code --library DIR gui}), with a probe that reports when the window has painted the library
 * list with at least one VM row.
 */
public final class AppWindowMain {
    private AppWindowMain() {}

    public static void main(String[] args) {
        FirstPaintProbe.watch(AppWindowMain::libraryRowsPainted);
        System.exit(Main.run(args));
    }

    public static boolean libraryRowsPainted() {
        for (Window w : Window.getWindows()) {
            if (!(w instanceof Stage) || !w.isShowing() || w.getScene() == null) continue;
            Node list = w.getScene().lookup("#library-list");
            if (!(list instanceof ListView<?> lv) || lv.getItems().isEmpty()) continue;
            for (Node cell : lv.lookupAll(".list-cell")) {
                if (cell instanceof IndexedCell<?> c && c.getItem() != null && c.isVisible() && c.getWidth() > 0 && c.getHeight() > 0) return true;
            }
        }
        return false;
    }
}
