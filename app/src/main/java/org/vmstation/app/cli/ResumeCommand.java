package org.vmstation.app.cli;

import java.util.concurrent.Callable;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.runtime.VmOperationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "resume", description = "Resume a paused VM.")
final class ResumeCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
        try (EngineContext ctx = Cli.open(root.library)) {
            VmEntry entry = Cli.find(ctx, name);
            try {
                ctx.host().resume(entry.definition());
            } catch (VmOperationException e) {
                throw Cli.failure(e);
            }
            var status = Cli.refresh(ctx, entry);
            root.spec.commandLine().getOut().printf("VM '%s' is %s.%n", entry.name(), ListCommand.stateName(status));
            root.spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
