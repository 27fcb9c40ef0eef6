package org.vmstation.app.gui.e2e.bench;

import java.nio.file.Path;
import java.util.List;
import org.vmstation.app.GuiLauncher;
import org.vmstation.app.instance.LaunchRequest;

/**
 * A what-if for the cold-start benchmark: the same window launch as {@code vmstation --library DIR gui} but without
 * building the command line's picocli model first (args: {@code DIR}). The difference to {@link AppWindowMain}
 * is what a fast path for the no-command launch in {@code Main} would save.
 */
public final class AppWindowDirectMain {
    private AppWindowDirectMain() {}

    public static void main(String[] args) {
        FirstPaintProbe.watch(AppWindowMain::libraryRowsPainted);
        System.exit(GuiLauncher.launch(Path.of(args[0]), LaunchRequest.of(List.of(), null)));
    }
}
