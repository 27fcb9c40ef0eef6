package org.vmstation.graphics.rfb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real QEMU process with its VNC server on a UNIX socket, for tests. Started from an argument list, no shell. */
public final class QemuVncServer implements AutoCloseable {

    private final Process process;
    private final Path socket;
    private final Path log;

    private QemuVncServer(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /**
     * Starts {@code qemu-system-x86_64} with std VGA and a USB tablet. {@code paused} adds {@code -S}, which leaves
     * the display showing QEMU's own "not initialized" text; unpaused, SeaBIOS runs and prints its messages.
     */
    public static QemuVncServer start(Path dir, boolean paused) throws IOException, InterruptedException {
        return start(dir, paused, true);
    }

    /** As {@link #start(Path, boolean)}; without the tablet the guest pointer is the relative PS/2 mouse. */
    public static QemuVncServer start(Path dir, boolean paused, boolean tablet) throws IOException, InterruptedException {
        Path socket = dir.resolve("vnc.sock");
        Path log = dir.resolve("qemu.log");
        List<String> command = new ArrayList<>(List.of("qemu-system-x86_64", "-machine", "q35", "-accel", "tcg",
                "-m", "64", "-nodefaults", "-no-user-config", "-device", "VGA",
                "-vnc", "unix:" + socket));
        if (tablet) command.addAll(List.of("-device", "qemu-xhci", "-device", "usb-tablet"));
        if (paused) command.add("-S");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        QemuVncServer server = new QemuVncServer(process, socket, log);
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Files.exists(socket)) {
            if (!process.isAlive()) {
                throw new IOException("QEMU exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            if (System.currentTimeMillis() > deadline) {
                server.close();
                throw new IOException("QEMU did not create " + socket + " within 20 s: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return server;
    }

    public Path socket() {
        return socket;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
