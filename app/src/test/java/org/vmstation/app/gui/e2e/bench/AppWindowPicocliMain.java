package org.vmstation.app.gui.e2e.bench;

import org.vmstation.app.cli.CliRunner;

/**
 * A comparison for the cold-start benchmark: the same window launch as {@link AppWindowMain} but through the
 * command line's picocli model, as every launch went before {@code Main} read plain window launches directly.
 */
public final class AppWindowPicocliMain {
    private AppWindowPicocliMain() {}

    public static void main(String[] args) {
        FirstPaintProbe.watch(AppWindowMain::libraryRowsPainted);
        System.exit(CliRunner.run(args));
    }
}
