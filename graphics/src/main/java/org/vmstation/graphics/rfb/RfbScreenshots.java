package org.vmstation.graphics.rfb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;

/** One-shot captures of a VM screen, for the CLI screenshot command and library thumbnails. */
public final class RfbScreenshots {

    private RfbScreenshots() {
    }

    /**
     * Connects, waits for the first complete screen update, and returns it.
     *
     * @throws IOException if the server cannot be reached, misbehaves, or sends no update within {@code timeout}
     */
    public static FramebufferSnapshot capture(Path socket, Duration timeout) throws IOException, InterruptedException {
        try (RfbSession session = RfbClient.connect(socket, RfbClientOptions.defaults().withConnectTimeout(timeout))) {
            if (!session.awaitUpdates(1, timeout)) {
                Throwable reason = session.closeReason();
                if (reason instanceof IOException io) throw io;
                throw new IOException("no screen update from " + socket + " within " + timeout.toMillis() + " ms"
                        + (reason != null ? ": " + reason : ""));
            }
            return session.snapshot();
        }
    }

    /** {@link #capture} written as a PNG file. */
    public static void capturePng(Path socket, Path png, Duration timeout) throws IOException, InterruptedException {
        capture(socket, timeout).writePng(png);
    }
}
