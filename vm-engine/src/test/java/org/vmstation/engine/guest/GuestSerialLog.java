package org.vmstation.engine.guest;

import java.io.IOException;
import java.io.RandomAccessFile;
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
import java.util.function.Predicate;

/**
 * Types into the test guest's serial shell through the VM's serial socket and reads what it prints back from the
 * VM's serial log. Each typing holds the socket only briefly, so a VM whose console the app also uses can be probed
 * (for a console the test owns alone, {@link GuestSerial} is simpler). Lines a probe prints start with
 * {@link #MARK}; commands build that word from two quoted halves ({@link #MARK_IN_SHELL}) so the shell's echo of a
 * typed command never looks like output.
 */
public final class GuestSerialLog {
    public static final String MARK = "VMSPWR";
    /** The shell spelling of {@link #MARK} that does not contain it. */
    public static final String MARK_IN_SHELL = "\"VMS\"\"PWR\"";

    /**
     * Typed into the guest's shell, makes the kernel's line discipline read what is typed next (busybox's line editor
     * drops keys that arrive while it redraws) and runs each line as it arrives, each in its own sh: a line that
     * arrives garbled fails alone instead of aborting the loop (an interactive shell abandons the whole loop on a
     * syntax error) and handing the tty back.
     */
    public static final String READ_LOOP = "stty -echo; while :; do if read -r l; then sh -c \"$l\"; else sleep 0.1; fi; done";

    private final Path socket;
    private final Path log;

    public GuestSerialLog(Path socket, Path log) {
        this.socket = socket;
        this.log = log;
    }

    /** Types {@code lines} into the guest's shell, each ended with Enter. */
    public void type(String... lines) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            for (String line : lines) {
                ByteBuffer b = ByteBuffer.wrap((line + "\r").getBytes(StandardCharsets.US_ASCII));
                while (b.hasRemaining()) ch.write(b);
                sleep(50); // the guest's tty buffer is small; let the shell read a line at a time
            }
            sleep(100);
        }
    }

    /** Where the log ends now; pass it to {@link #marks} or {@link #await} to see only later output. */
    public long position() throws IOException {
        return Files.size(log);
    }

    /** Probe lines (text from {@link #MARK} on) printed since {@code from}. */
    public List<String> marks(long from) throws IOException {
        List<String> out = new ArrayList<>();
        byte[] bytes;
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            if (len <= from) return out;
            bytes = new byte[(int) Math.min(len - from, 8 << 20)];
            f.seek(from);
            f.readFully(bytes);
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.lastIndexOf('\n');
        if (end < 0) return out;
        for (String line : text.substring(0, end).split("\n")) {
            int at = line.indexOf(MARK + " ");
            if (at < 0) at = line.indexOf(MARK + "-");
            if (at >= 0) out.add(line.substring(at).strip());
        }
        return out;
    }

    /** Waits up to {@code timeout} for a probe line since {@code from} that matches; returns it, or null. */
    public String await(long from, Duration timeout, Predicate<String> match) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String l : marks(from)) if (match.test(l)) return l;
            if (System.nanoTime() > deadline) return null;
            sleep(20);
        }
    }

    /**
     * Starts {@link #READ_LOOP} and proves it answers. Under a heavily loaded host busybox's line editor can lose the
     * line that starts it, so it is typed again until the loop answers.
     */
    public void startReadLoop() throws IOException {
        for (int attempt = 0; attempt < 4; attempt++) {
            type("", READ_LOOP);
            sleep(1500); // until the loop reads the tty
            if (ask("echo " + MARK_IN_SHELL + "-LOOP", MARK + "-LOOP") != null) return;
        }
        throw new AssertionError("the guest's serial shell never ran the read loop; it printed:\n" + tail());
    }

    /** Types {@code command} until the guest prints a probe line starting with {@code answer} (up to 3 tries of 10 s); returns it, or null. */
    public String ask(String command, String answer) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            long from = position();
            type(command);
            String line = await(from, Duration.ofSeconds(10), l -> l.startsWith(answer));
            if (line != null) return line;
        }
        return null;
    }

    /** The last 40 lines of the serial log, for failure messages (the VM's folder is gone once the test ends). */
    public String tail() throws IOException {
        List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
