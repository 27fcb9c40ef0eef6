package org.vmstation.app;

import org.vmstation.app.cli.CliRunner;

/** Entry point of the {@code vmstation} command and the window. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code vmstation ARGS}: plain window launches directly, everything else through the command line. */
    public static int run(String... args) {
        SqliteNativeCache.use();
        Integer window = GuiLauncher.launchDirect(args);
        return window != null ? window : CliRunner.run(args);
    }
}
