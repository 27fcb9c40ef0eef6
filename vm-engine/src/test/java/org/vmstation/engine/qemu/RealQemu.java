package org.vmstation.engine.qemu;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts the installed QEMU for tests and waits until its monitor answers commands, i.e. until it accepted its argv. */
final class RealQemu implements AutoCloseable {
    static final Path BINARY = QemuBinaryLocator.locateQemu();

    final Process process;
    final Path stderr;

    private RealQemu(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** Runs {@code command} and returns once QMP reports the paused VM; fails with QEMU's output if it exits first. */
    static RealQemu start(List<String> command, Path qmpSocket, Path logDir) throws Exception {
        Files.createDirectories(logDir);
        Path err = Files.createTempFile(logDir, "qemu", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        RealQemu q = new RealQemu(p, err);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("QEMU exited with " + p.exitValue() + " instead of starting: " + Files.readString(err)
                        + "\nargv: " + command);
            }
            if (Files.exists(qmpSocket)) {
                String status = queryStatus(qmpSocket);
                if (status.contains("\"prelaunch\"") || status.contains("\"paused\"")) return q;
            }
            Thread.sleep(20);
        }
        q.close();
        throw new AssertionError("QEMU did not open " + qmpSocket + " within 30 s: " + Files.readString(err));
    }

    /** A QEMU paused on the given extra arguments with a QMP socket in {@code dir}. */
    static RealQemu startPaused(Path dir, String... extra) throws Exception {
        Path qmp = dir.resolve("qmp-" + System.nanoTime() % 100000 + ".sock");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-nodefaults", "-no-user-config", "-display", "none",
                "-machine", "q35,accel=tcg", "-m", "64M", "-S",
                "-chardev", "socket,id=qmp,path=" + QemuOptions.escape(qmp.toString()) + ",server=on,wait=off",
                "-mon", "chardev=qmp,mode=control"));
        cmd.addAll(List.of(extra));
        return start(cmd, qmp, dir);
    }

    /** Runs QEMU to completion (it is expected to fail) and returns its output lines. */
    static List<String> runToFailure(Path dir, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-nodefaults", "-no-user-config", "-display", "none",
                "-m", "64M", "-S", "-msg", "timestamp=on"));
        List<String> extras = List.of(extra);
        if (!extras.contains("-machine") && !extras.contains("-accel")) cmd.addAll(List.of("-machine", "q35,accel=tcg"));
        cmd.addAll(extras);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("QEMU kept running although it was expected to fail: " + cmd);
        }
        if (p.exitValue() == 0) throw new AssertionError("QEMU exited with 0 although it was expected to fail: " + out);
        return out.lines().toList();
    }

    /**
     * The reply to query-status, or "" when the monitor does not answer yet. The greeting alone proves little:
     * the monitor thread greets before QEMU has created the machine and its devices, while in-band commands
     * run only once the main loop does, i.e. after the whole command line was accepted.
     */
    private static String queryStatus(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            StringBuilder in = new StringBuilder();
            if (!readUntil(ch, in, "\"QMP\"")) return "";
            ch.write(ByteBuffer.wrap("{\"execute\":\"qmp_capabilities\"}\n".getBytes(StandardCharsets.UTF_8)));
            if (!readUntil(ch, in, "\"return\"")) return "";
            in.setLength(0);
            ch.write(ByteBuffer.wrap("{\"execute\":\"query-status\"}\n".getBytes(StandardCharsets.UTF_8)));
            return readUntil(ch, in, "\"status\"") ? in.toString() : "";
        } catch (IOException e) {
            return ""; // not listening yet
        }
    }

    private static boolean readUntil(SocketChannel ch, StringBuilder in, String marker) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (in.length() < 64 * 1024) {
            int start = in.indexOf(marker);
            if (start >= 0 && in.indexOf("\n", start) >= 0) return true;
            buf.clear();
            if (ch.read(buf) < 0) return false;
            in.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
        }
        return false;
    }

    /** Stops QEMU with SIGTERM (a clean exit) and waits for it. */
    boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
