package org.vmstation.app.cli;

import java.util.concurrent.Callable;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmOperationException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** A command that does one thing to a running VM and prints its new state (pause, resume, reset). */
abstract class VmActionCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME", description = "VM name or id") String name;

    abstract void apply(VmHost host, VmDefinition vm) throws VmOperationException;

    @Override
    public Integer call() {
        try (EngineContext ctx = Cli.open(root.library)) {
            VmEntry entry = Cli.find(ctx, name);
            try {
                apply(ctx.host(), entry.definition());
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
