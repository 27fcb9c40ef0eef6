package org.vmstation.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vmstation.app.instance.LaunchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "gui", description = {"Open the VMStation window (the default without a command).",
        "If the window is open already, it comes to the front and takes the files and --start from this launch."})
final class GuiCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to import when the window opens.") String[] files = new String[0];
    @Option(names = "--start", paramLabel = "VM", description = "Start this VM (name or id) and show its console.") String start;

    @Override
    public Integer call() {
        return launch(root == null ? null : root.library, LaunchRequest.of(List.of(files), start));
    }

    void launch(Path library, String[] args) {
        int code = launch(library, LaunchRequest.of(List.of(args), null));
        if (code != ExitCodes.OK) throw new CliException(code, "the window could not be opened (see the message above)");
    }

    int launch(Path library, LaunchRequest request) {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new CliException(ExitCodes.ERROR, "No graphical display found (DISPLAY is not set). Use `vmstation demo` for the demo in this terminal, or `vmstation --help`.");
        }
        return org.vmstation.app.GuiLauncher.launch(library, request);
    }
}
