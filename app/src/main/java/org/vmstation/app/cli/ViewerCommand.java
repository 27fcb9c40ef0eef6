package org.vmstation.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vmstation.app.viewer.ViewerLauncher;
import org.vmstation.engine.runtime.VmRuntimePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "viewer", description = "Open a window with a running VM's screen; keyboard and mouse go to the VM. Closing the window leaves the VM running.")
final class ViewerCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME", arity = "0..1") String name;
    @Option(names = "--socket", paramLabel = "PATH",
            description = "Show the display of this QEMU VNC UNIX socket instead of a VM from the library.")
    Path directSocket;

    @Override
    public Integer call() {
        if ((name == null) == (directSocket == null)) {
            throw new CliException(ExitCodes.USAGE, "name a VM, or give --socket PATH (not both)");
        }
        if (directSocket != null) {
            if (!Files.exists(directSocket)) throw new CliException(ExitCodes.NOT_FOUND, "no such socket: " + directSocket);
            return ViewerLauncher.open(directSocket.getFileName().toString(), directSocket);
        }
        RunningVmSocket vm = RunningVmSocket.find(root.library, name, VmRuntimePaths::vncSocket,
                vmName -> "VM '" + vmName + "' has no display (its display adapter is None, or it runs headless); see `vmstation show "
                        + StartCommand.quote(vmName) + "`");
        return ViewerLauncher.open(vm.vmName(), vm.socket());
    }
}
