package org.vmstation.engine.guest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the recipe script as a child process, forwarding its progress and turning failures into clear errors. */
final class GuestRecipeRunner {
    static final String SETUP_HINT = "run scripts/setup-deps.sh (Debian/Ubuntu host with apt) and retry";
    private static final Pattern ERROR_LINE = Pattern.compile("\\[guest] ERROR \\(([^)]{1,64})\\): (.*)");
    private static final int MAX_LINE = 4096;
    private static final int TAIL_LINES = 20;
    private static final long TIMEOUT_MINUTES = 20;

    private final Path script;
    private final Path cacheRoot;

    GuestRecipeRunner(Path script, Path cacheRoot) {
        this.script = Objects.requireNonNull(script, "script");
        this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot");
    }

    void run(Consumer<String> progress) {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", script.toString()));
        builder.environment().put("VMSTATION_GUEST_CACHE", cacheRoot.toString());
        builder.redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new GuestImageException("start recipe",
                    "cannot run 'bash " + script + "': " + e.getMessage() + "; the guest recipe needs bash; " + SETUP_HINT, e);
        }
        List<String> tail = new ArrayList<>();
        String failedStep = null;
        String failedMessage = null;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.length() > MAX_LINE) {
                    line = line.substring(0, MAX_LINE) + "...";
                }
                progress.accept(line);
                Matcher m = ERROR_LINE.matcher(line);
                if (m.matches()) {
                    failedStep = m.group(1);
                    failedMessage = m.group(2);
                }
                tail.add(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            }
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new GuestImageException("build", "guest recipe did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new GuestImageException("build", "lost the guest recipe's output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GuestImageException("build", "interrupted while building the guest", e);
        }
        int exit = process.exitValue();
        if (exit != 0) {
            String step = failedStep != null ? failedStep : "build";
            String detail = failedMessage != null ? failedMessage : "exit status " + exit + "; last output:\n  " + String.join("\n  ", tail);
            throw new GuestImageException(step, "building the demo guest failed at step '" + step + "': " + detail
                    + " (recipe " + script + "; to fix: " + SETUP_HINT + ")");
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
