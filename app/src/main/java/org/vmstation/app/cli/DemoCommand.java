package org.vmstation.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.vmstation.app.DemoVm;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmOperationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", description = "Boot the built-in demo VM and show its console in this terminal (created on first run).")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Option(names = "--no-console", description = "Return once the guest is ready instead of attaching the terminal.") boolean noConsole;
    @Option(names = "--timeout", paramLabel = "S", defaultValue = "120", description = "Seconds to wait for the guest's ready marker.") int timeout;

    @Override
    public Integer call() throws Exception {
        try (EngineContext ctx = Cli.open(root.library)) {
            VmEntry demo = DemoVm.ensure(ctx.library(), msg -> System.err.println("vmstation: " + msg));
            var out = root.spec.commandLine().getOut();
            Path serialLog = ctx.host().paths(demo.definition()).serialLog();
            long offset;
            if (Cli.refresh(ctx, demo).state().isActive()) {
                out.printf("The demo VM '%s' is already running.%n", demo.name());
                offset = 0;
            } else {
                offset = Files.exists(serialLog) ? Files.size(serialLog) : 0;
                out.printf("Starting the demo VM '%s'...%n", demo.name());
                out.flush();
                try {
                    Cli.record(ctx, demo, ctx.start(demo.definition(), StartOptions.defaults()).status());
                } catch (VmOperationException e) {
                    throw Cli.failure(e);
                }
            }
            out.flush();
            if (!waitForReady(serialLog, offset, Duration.ofSeconds(timeout))) {
                throw new CliException(ExitCodes.TIMEOUT, "The demo guest did not print " + GuestImageLocator.READY_MARKER
                        + " within " + timeout + " s; see `vmstation logs " + StartCommand.quote(demo.name()) + " --qemu`");
            }
            out.printf("%nThe demo guest is ready. Stop it with `vmstation stop %s`.%n", StartCommand.quote(demo.name()));
            out.flush();
            if (!noConsole && System.console() != null) {
                ConsoleCommand.attach(ctx.host().paths(demo.definition()).serialSocket(), demo.name(), System.in);
            }
            return ExitCodes.OK;
        }
    }

    /** Echoes the guest's serial output from {@code offset} until the ready marker shows. */
    private static boolean waitForReady(Path serialLog, long offset, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long position = offset;
        StringBuilder pending = new StringBuilder();
        while (System.nanoTime() < deadline) {
            if (Files.exists(serialLog) && Files.size(serialLog) > position) {
                byte[] all = Files.readAllBytes(serialLog);
                String chunk = new String(all, (int) Math.min(position, all.length), (int) (all.length - Math.min(position, all.length)),
                        java.nio.charset.StandardCharsets.UTF_8);
                position = all.length;
                System.out.print(chunk);
                System.out.flush();
                pending.append(chunk);
                if (pending.indexOf(GuestImageLocator.READY_MARKER) >= 0) return true;
                if (pending.length() > 4096) pending.delete(0, pending.length() - 64);
            }
            Thread.sleep(50);
        }
        return false;
    }
}
