package org.vmstation.app.cli;

import java.util.concurrent.Callable;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmOperationException;
import org.vmstation.engine.runtime.VmStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "start", description = "Start a VM; returns once it runs (the guest may still be booting).")
final class StartCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--headless", description = "Do not open a console window (the VM runs in the background either way).") boolean headless;
    @Option(names = "--paused", description = "Start with the CPUs stopped.") boolean paused;

    @Override
    public Integer call() {
        try (EngineContext ctx = Cli.open(root.library)) {
            VmEntry entry = Cli.find(ctx, name);
            VmStatus status;
            String note;
            try {
                var outcome = ctx.start(entry.definition(), new StartOptions(true, paused));
                status = outcome.status();
                note = outcome.message();
            } catch (VmOperationException e) {
                Cli.refresh(ctx, entry);
                throw Cli.failure(e);
            }
            Cli.record(ctx, entry, status);
            var out = root.spec.commandLine().getOut();
            if (note != null && !note.isBlank()) root.spec.commandLine().getErr().println("vmstation: " + note);
            out.printf("VM '%s' is %s (QEMU pid %d).%n", entry.name(), ListCommand.stateName(status), status.pid());
            if (!headless) {
                out.printf("Console: `vmstation console %s` (serial) or the VMStation window.%n", quote(entry.name()));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    static String quote(String name) { return name.contains(" ") ? "'" + name + "'" : name; }
}
