package org.vmstation.app;

import org.vmstation.app.cli.CliRunner;

/** Entry point of the {@code vmstation} command and the window. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(CliRunner.run(args));
    }
}
