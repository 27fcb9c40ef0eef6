package org.vmstation.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.vmstation.app.instance.InstanceServer;
import org.vmstation.app.instance.LaunchRequest;
import org.vmstation.app.instance.SingleInstance;

/**
 * Opens the workstation window, or hands the request to the one already open. Kept apart so the command line
 * (and a second launch, which only talks to the first) starts without touching JavaFX.
 */
public final class GuiLauncher {
    /** How long the open window gets to take a request before this launch gives up. */
    static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(10);

    private GuiLauncher() {}

    /**
     * The plain window launches, {@code vmstation [--library PATH] [gui [FILE...]]}, read without the command
     * line's picocli model: building that model (every subcommand's annotations, by reflection) costs about as
     * much CPU as starting the JavaFX toolkit, and a desktop launcher pays it on every start. Anything else
     * (options, {@code @argfiles}, no display, other commands) returns null and goes through the full command line,
     * which then also gives every error message.
     *
     * @return the exit code of the window launch, or null when {@code args} need the full command line
     */
    public static Integer launchDirect(String... args) {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) return null;
        DirectLaunch direct = DirectLaunch.parse(args);
        if (direct == null) return null;
        int code = launch(direct.library(), LaunchRequest.of(direct.files(), null));
        // as VmstationCommand.run: without a command, a window that could not open says so once more
        if (code != 0 && !direct.guiCommand()) System.err.println("vmstation: the window could not be opened (see the message above)");
        return code;
    }

    /**
     * A window launch read from the command line without picocli.
     *
     * @param library    the {@code --library} option, or null
     * @param guiCommand whether the {@code gui} command was named (else: no command at all)
     * @param files      the files to import
     */
    record DirectLaunch(Path library, boolean guiCommand, List<String> files) {
        /** @return the launch {@code args} ask for, or null when they are anything but a plain window launch */
        static DirectLaunch parse(String... args) {
            try {
                return parseOrThrow(args);
            } catch (java.nio.file.InvalidPathException e) {
                return null; // the command line names the bad value
            }
        }

        private static DirectLaunch parseOrThrow(String... args) {
            int i = 0;
            Path library = null;
            if (i < args.length && args[i].startsWith("--library=") && args[i].length() > "--library=".length()) {
                library = Path.of(args[i++].substring("--library=".length()));
            } else if (i + 1 < args.length && args[i].equals("--library") && plain(args[i + 1])) {
                library = Path.of(args[i + 1]);
                i += 2;
            }
            if (i == args.length) return new DirectLaunch(library, false, List.of());
            if (!args[i].equals("gui")) return null;
            List<String> files = List.copyOf(Arrays.asList(args).subList(i + 1, args.length));
            return files.stream().allMatch(GuiLauncher::plain) ? new DirectLaunch(library, true, files) : null;
        }
    }

    /** An argument picocli would take as it is: not an option, not an @argfile, not empty. */
    private static boolean plain(String arg) {
        return !arg.isEmpty() && !arg.startsWith("-") && !arg.startsWith("@");
    }

    /** @return the process exit code: 0 when the window closed normally or the open window took the request */
    public static int launch(Path library, LaunchRequest request) {
        return launch(library, request, SingleInstance.defaultSocket());
    }

    static int launch(Path library, LaunchRequest request, Path socket) {
        SingleInstance.Claim claim;
        try {
            claim = SingleInstance.claim(socket, request, HANDOVER_TIMEOUT);
        } catch (IOException e) {
            System.err.println("vmstation: " + e.getMessage());
            return 1;
        }
        return switch (claim) {
            case SingleInstance.HandedOver h -> {
                System.out.println("VMStation is already open; passed the request to its window.");
                yield 0;
            }
            case SingleInstance.Primary p -> {
                try (InstanceServer server = p.server()) {
                    startToolkit();
                    yield org.vmstation.app.gui.WorkstationApp.launch(library, request, server);
                }
            }
        };
    }

    /**
     * Starts the JavaFX toolkit on a helper thread, so that it comes up while this thread opens the library (SQLite,
     * preferences, the host); one after the other they were most of the time before the window could show.
     */
    private static void startToolkit() {
        Thread.ofPlatform().daemon().name("vmstation-toolkit-start").start(() -> {
            try {
                javafx.application.Platform.startup(() -> {});
            } catch (IllegalStateException startedAlready) {
                // the window's own start got there first; nothing to do
            }
        });
    }
}
