package org.vmstation.graphics.gl;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.vmstation.engine.qemu.ProcessRunner;

/** Runs helpers with a given DISPLAY/WAYLAND_DISPLAY (the rest of the environment inherited), as a desktop session would. */
final class EnvironmentRunner implements ProcessRunner {
    private final Map<String, String> desktop;

    /** @param desktop DISPLAY and WAYLAND_DISPLAY as QEMU should see them; a missing key is removed */
    EnvironmentRunner(Map<String, String> desktop) { this.desktop = desktop; }

    @Override
    public Result run(List<String> command, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        for (String var : List.of("DISPLAY", "WAYLAND_DISPLAY")) {
            if (desktop.containsKey(var)) pb.environment().put(var, desktop.get(var)); else pb.environment().remove(var);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> ProcessRunner.drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> ProcessRunner.drain(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(command, p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IOException(e);
        }
    }

}
