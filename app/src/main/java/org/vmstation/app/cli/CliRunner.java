package org.vmstation.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs the command line and turns every failure into one sentence on stderr and a documented exit code. */
public final class CliRunner {
    private CliRunner() {}

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new VmstationCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable t = ex;
            if (t instanceof CliException ce) {
                err.println("vmstation: " + ce.getMessage());
                return ce.exitCode();
            }
            err.println("vmstation: " + (t.getMessage() == null ? t.toString() : t.getMessage()));
            if (System.getenv("VMSTATION_DEBUG") != null) t.printStackTrace(err);
            return ExitCodes.ERROR;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("vmstation: " + ex.getMessage());
            err.println("Try `vmstation --help`.");
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }
}
