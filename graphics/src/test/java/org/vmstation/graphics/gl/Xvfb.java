package org.vmstation.graphics.gl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A private Xvfb X server (Mesa's llvmpipe gives it OpenGL) on a free display number, for the GL window tests. */
final class Xvfb implements AutoCloseable {
    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    static Xvfb start() throws IOException, InterruptedException {
        for (int n = 140 + (int) (ProcessHandle.current().pid() % 50); n < 400; n++) {
            Path socket = Path.of("/tmp/.X11-unix/X" + n);
            if (Files.exists(socket) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) continue;
            Process p = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline && p.isAlive() && !Files.exists(socket)) Thread.sleep(50);
            if (p.isAlive() && Files.exists(socket)) return new Xvfb(p, ":" + n);
            p.destroyForcibly();
        }
        throw new IOException("could not start Xvfb on any display :140..:399 (is the xvfb package installed?)");
    }

    /** The value for DISPLAY, e.g. {@code :141}. */
    String display() { return display; }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
