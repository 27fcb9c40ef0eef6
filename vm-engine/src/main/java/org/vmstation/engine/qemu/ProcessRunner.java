package org.vmstation.engine.qemu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a short-lived helper command (qemu -version, qemu-img info) from an argument list — never through a
 * shell — and collects its output. Output beyond {@link #MAX_OUTPUT} bytes per stream is dropped so a
 * misbehaving binary cannot exhaust memory.
 */
public interface ProcessRunner {
    int MAX_OUTPUT = 8 * 1024 * 1024;

    /** What the command printed and how it ended. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() { return exitCode == 0; }
    }

    /**
     * Runs {@code command} and waits up to {@code timeout}; a command still running then is killed.
     *
     * @throws IOException when the command cannot be started or did not finish in time
     */
    Result run(List<String> command, Duration timeout) throws IOException;

    /** The real implementation: starts an OS process. */
    static ProcessRunner system() { return SystemProcessRunner.INSTANCE; }

    /** Reads a whole stream, keeping at most {@link #MAX_OUTPUT} bytes. */
    static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                int keep = Math.min(n, MAX_OUTPUT - out.size());
                if (keep > 0) out.write(buf, 0, keep);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

final class SystemProcessRunner implements ProcessRunner {
    static final SystemProcessRunner INSTANCE = new SystemProcessRunner();

    @Override
    public Result run(List<String> command, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Process p = pb.start();
        p.getOutputStream().close(); // the helpers never read input; EOF stops any that try
        // Each stream is drained on its own thread so a chatty one can never block the other.
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> ProcessRunner.drain(p.getErrorStream()),
                r -> Thread.ofVirtual().start(r));
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> ProcessRunner.drain(p.getInputStream()),
                r -> Thread.ofVirtual().start(r));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new IOException("'" + String.join(" ", command) + "' did not finish within " + timeout.toSeconds() + " s and was stopped");
            }
            return new Result(List.copyOf(command), p.exitValue(),
                    stdout.get(5, TimeUnit.SECONDS), stderr.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not read the output of " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }
}
