package org.vmstation.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "gui", description = "Open the VMStation window (the default without a command).")
final class GuiCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to import when the window opens.") String[] files = new String[0];

    @Override
    public Integer call() {
        launch(root == null ? null : root.library, files);
        return ExitCodes.OK;
    }

    void launch(Path library, String[] args) {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new CliException(ExitCodes.ERROR, "No graphical display found (DISPLAY is not set). Use `vmstation demo` for the demo in this terminal, or `vmstation --help`.");
        }
        org.vmstation.app.GuiLauncher.launch(library, args);
    }
}
