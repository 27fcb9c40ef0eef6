package org.vmstation.app.cli;

import java.util.concurrent.Callable;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.LibraryException;
import org.vmstation.engine.library.VmEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "delete", aliases = "rm", description = "Delete a stopped VM from the library, with its folder unless --keep-disks.")
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--keep-disks", description = "Keep the VM's folder (disks, logs) on disk.") boolean keepDisks;

    @Override
    public Integer call() {
        try (EngineContext ctx = Cli.open(root.library)) {
            VmEntry entry = Cli.find(ctx, name);
            if (Cli.refresh(ctx, entry).state().isActive()) {
                throw new CliException(ExitCodes.WRONG_STATE, "VM '" + entry.name() + "' is running: stop it before deleting it");
            }
            try {
                ctx.library().delete(entry.id());
                if (!keepDisks) ctx.library().deleteFolder(entry.id());
            } catch (LibraryException e) {
                throw new CliException(ExitCodes.ERROR, e.getMessage(), e);
            }
            root.spec.commandLine().getOut().printf("Deleted VM '%s'%s.%n", entry.name(),
                    keepDisks ? " (its folder " + ctx.library().vmFolder(entry.id()) + " was kept)" : "");
            root.spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
