package org.vmstation.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.VmEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "logs", description = "Print a VM's serial console log (default) or QEMU log.")
final class LogsCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--serial", description = "The guest's serial console output (default).") boolean serial;
    @Option(names = "--qemu", description = "QEMU's own log (command lines, errors).") boolean qemu;
    @Option(names = {"-f", "--follow"}, description = "Keep printing what is appended, until Ctrl+C.") boolean follow;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path file;
        try (EngineContext ctx = Cli.open(root.library)) {
            VmEntry entry = Cli.find(ctx, name);
            var paths = ctx.host().paths(entry.definition());
            file = qemu ? paths.qemuLog() : paths.serialLog();
        }
        if (!Files.exists(file) && !follow) {
            throw new CliException(ExitCodes.NOT_FOUND, "No log yet at " + file + " (has the VM been started?)");
        }
        copy(file, System.out, follow);
        return ExitCodes.OK;
    }

    /** Prints the file and, when following, what is appended to it (the log may not exist yet). */
    static void copy(Path file, PrintStream out, boolean follow) throws IOException, InterruptedException {
        long position = 0;
        byte[] buf = new byte[8192];
        do {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    in.skipNBytes(Math.min(position, Files.size(file)));
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        position += n;
                    }
                }
                out.flush();
            }
            if (follow) Thread.sleep(200);
        } while (follow);
    }
}
