package org.vmstation.engine.guest;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The test guest's serial console over QEMU's socket chardev: keeps every line the guest prints, answers the
 * shell's cursor-position query (busybox ash ignores typed input until it gets one), and runs commands between
 * markers. The typed line is echoed, so markers are typed split in quotes and only the output holds them whole.
 *
 * <p>It holds the one connection a QEMU socket chardev serves, so the VM must not have another client on it (tests
 * that share the serial port with the app type through {@link GuestSerialLog} instead).
 */
public final class GuestSerial implements AutoCloseable {
    private final SocketChannel channel;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final StringBuilder transcript = new StringBuilder();
    private int counter;

    public GuestSerial(Path socket, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        SocketChannel ch = null;
        while (ch == null) {
            SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                c.connect(UnixDomainSocketAddress.of(socket));
                ch = c;
            } catch (IOException e) {
                c.close();
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(20);
            }
        }
        channel = ch;
        Thread.ofPlatform().daemon().name("guest-serial").start(this::read);
    }

    private void read() {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        try {
            while (channel.read(buf.clear()) > 0) {
                String s = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
                if (s.contains("\u001b[6n")) {
                    channel.write(ByteBuffer.wrap("\u001b[1;1R".getBytes(StandardCharsets.US_ASCII)));
                }
                synchronized (lines) {
                    transcript.append(s);
                    for (char c : s.toCharArray()) {
                        if (c == '\n') {
                            lines.add(partial.toString().replace("\r", ""));
                            partial.setLength(0);
                        } else {
                            partial.append(c);
                        }
                    }
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the guest went away
        }
    }

    /** Number of complete lines so far; pass it to {@link #awaitLine} to wait only for later lines. */
    public int mark() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /** Waits for a line from index {@code from} on that satisfies {@code test}, and returns it. */
    public String awaitLine(int from, Predicate<String> test, String what, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int i = from;
            while (true) {
                for (; i < lines.size(); i++) if (test.test(lines.get(i))) return lines.get(i);
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("no serial line with " + what + " within " + timeout + "; serial:\n" + tail());
                lines.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Lines from index {@code from} on that satisfy {@code test}. */
    public List<String> linesSince(int from, Predicate<String> test) {
        synchronized (lines) {
            return lines.subList(from, lines.size()).stream().filter(test).toList();
        }
    }

    /** Runs {@code command} in the guest shell and returns its output lines. */
    public List<String> run(String command, Duration timeout) throws Exception {
        int n = ++counter;
        String begin = "VMS-BEGIN-" + n;
        String end = "VMS-END-" + n;
        int from = mark();
        type("echo 'VMS-BEGIN'-" + n + "; " + command + "; echo 'VMS-END'-" + n + "\n");
        awaitLine(from, end::equals, "'" + end + "' after '" + command + "'", timeout);
        synchronized (lines) {
            List<String> all = lines.subList(from, lines.size());
            int b = all.indexOf(begin);
            return List.copyOf(all.subList(b + 1, all.indexOf(end)));
        }
    }

    /**
     * Waits until the shell takes commands. The ready marker comes just before the shell starts, and ash drops
     * what is typed before its first prompt, so a probe command is retried until it answers.
     */
    public void awaitShell(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                run("true", Duration.ofSeconds(5));
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) throw notYet;
            }
        }
    }

    /** Repeats {@code command} until its output satisfies {@code done} (each run may take up to 30 s). */
    public List<String> runUntil(String command, Predicate<List<String>> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> out;
        do {
            out = run(command, Duration.ofSeconds(30));
            if (done.test(out)) return out;
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("guest command '" + command + "' never gave the expected output within " + timeout + "; last: " + out);
    }

    /** Types text at the serial shell without waiting for anything. */
    public void type(String text) throws IOException {
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    public String tail() {
        synchronized (lines) {
            return transcript.substring(Math.max(0, transcript.length() - 3000));
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
