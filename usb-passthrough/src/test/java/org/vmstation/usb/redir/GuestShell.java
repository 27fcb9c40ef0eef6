package org.vmstation.usb.redir;

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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Types commands into the demo guest's shell on its serial port (a QEMU socket chardev) and collects their
 * output between markers. The typed line is echoed, so markers are written split in quotes on input and only
 * the command's own output contains them whole.
 */
final class GuestShell implements AutoCloseable {
    private final SocketChannel channel;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final StringBuilder transcript = new StringBuilder();
    private int counter;

    GuestShell(Path socket, Duration timeout) throws Exception {
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
                Thread.sleep(50);
            }
        }
        channel = ch;
        Thread.ofVirtual().start(this::read);
    }

    private void read() {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        try {
            while (channel.read(buf.clear()) > 0) {
                String s = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
                synchronized (transcript) {
                    transcript.append(s);
                }
                if (s.contains("\u001b[6n")) {
                    // busybox ash asks the terminal for the cursor position and swallows input until it gets an answer
                    channel.write(ByteBuffer.wrap("\u001b[1;1R".getBytes(StandardCharsets.US_ASCII)));
                }
                for (char c : s.toCharArray()) {
                    if (c == '\n') {
                        lines.add(partial.toString().replace("\r", ""));
                        partial.setLength(0);
                    } else {
                        partial.append(c);
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Waits until a line containing {@code text} arrives (e.g. the ready marker). */
    void awaitLine(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("no line containing '" + text + "' within " + timeout + "; serial so far:\n" + tail());
            if (line.contains(text)) return;
        }
    }

    /** Runs {@code command} in the guest shell and returns its output lines. */
    List<String> run(String command, Duration timeout) throws Exception {
        int n = ++counter;
        String begin = "VMS-BEGIN-" + n, end = "VMS-END-" + n;
        String typed = "echo 'VMS-BEGIN'-" + n + "; " + command + "; echo 'VMS-END'-" + n + "\n";
        channel.write(ByteBuffer.wrap(typed.getBytes(StandardCharsets.UTF_8)));
        long deadline = System.nanoTime() + timeout.toNanos();
        // The shell starts just after the ready marker and drops what was typed before it ran: type again
        // while the command has not even begun echoing.
        long retypeAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> out = new ArrayList<>();
        boolean inside = false;
        while (true) {
            long wait = Math.min(deadline, inside ? deadline : retypeAt) - System.nanoTime();
            String line = lines.poll(Math.max(1, wait), TimeUnit.NANOSECONDS);
            if (line == null && !inside && System.nanoTime() < deadline) {
                channel.write(ByteBuffer.wrap(typed.getBytes(StandardCharsets.UTF_8)));
                retypeAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                continue;
            }
            if (line == null) throw new AssertionError("guest command '" + command + "' did not finish within " + timeout + "; serial:\n" + tail());
            if (line.equals(begin)) {
                inside = true;
            } else if (line.equals(end)) {
                return out;
            } else if (inside) {
                out.add(line);
            }
        }
    }

    /** Repeats {@code command} until its output satisfies {@code done}. */
    List<String> runUntil(String command, java.util.function.Predicate<List<String>> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> out;
        do {
            out = run(command, Duration.ofSeconds(30));
            if (done.test(out)) return out;
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("guest command '" + command + "' never gave the expected output within " + timeout + "; last: " + out);
    }

    String tail() {
        synchronized (transcript) {
            int from = Math.max(0, transcript.length() - 3000);
            return transcript.substring(from);
        }
    }

    @Override
    public void close() throws IOException { channel.close(); }
}
