package org.vmstation.app;

import java.nio.file.Path;

/** Opens the workstation window; kept apart so the command line starts without touching JavaFX. */
public final class GuiLauncher {
    private GuiLauncher() {}

    public static void launch(Path library, String[] args) {
        org.vmstation.app.gui.WorkstationApp.launch(library, args);
    }
}
