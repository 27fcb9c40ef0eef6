package org.vmstation.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
                    yield org.vmstation.app.gui.WorkstationApp.launch(library, request, server);
                }
            }
        };
    }
}
