package org.vmstation.app.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.runtime.VmOperationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "stop", description = "Shut a VM down through ACPI (the power button); returns once it is stopped.")
final class StopCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = {"-f", "--force"}, description = "Power off at once instead of asking the guest.") boolean force;
    @Option(names = {"-t", "--timeout"}, paramLabel = "S", defaultValue = "60",
            description = "Seconds to wait for the guest before powering off (default ${DEFAULT-VALUE}; 0: wait only, never force).") int timeout;
    @Option(names = "--no-force-after-timeout", description = "Leave the VM running when the guest does not shut down in time (exit code 7).") boolean noForce;

    @Override
    public Integer call() {
        try (EngineContext ctx = Cli.open(root.library)) {
            VmEntry entry = Cli.find(ctx, name);
            var out = root.spec.commandLine().getOut();
            try {
                if (!Cli.refresh(ctx, entry).state().isActive()) {
                    out.printf("VM '%s' is not running.%n", entry.name());
                    out.flush();
                    return ExitCodes.OK;
                }
                if (force) {
                    ctx.host().powerOff(entry.definition());
                    out.printf("VM '%s' was powered off.%n", entry.name());
                } else if (ctx.host().shutdown(entry.definition(), Duration.ofSeconds(Math.max(timeout, 1)))) {
                    out.printf("VM '%s' shut down.%n", entry.name());
                } else if (noForce) {
                    Cli.refresh(ctx, entry);
                    throw new CliException(ExitCodes.TIMEOUT, "VM '" + entry.name() + "' did not shut down within " + timeout + " s; it is still running");
                } else {
                    ctx.host().powerOff(entry.definition());
                    out.printf("VM '%s' did not shut down within %d s and was powered off.%n", entry.name(), timeout);
                }
            } catch (VmOperationException e) {
                throw Cli.failure(e);
            } finally {
                Cli.refresh(ctx, entry);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
