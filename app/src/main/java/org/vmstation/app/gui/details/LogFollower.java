package org.vmstation.app.gui.details;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads what was appended to a log since the last call. Starts from the last {@link #INITIAL_BYTES} of the file
 * and notices truncation (a new QEMU run rewrites the log) by the file shrinking.
 */
public final class LogFollower {
    static final int INITIAL_BYTES = 64 * 1024;
    /** A single read never returns more than this, so a runaway log cannot flood the text area. */
    static final int MAX_CHUNK = 256 * 1024;

    private final Path file;
    private long offset = -1;

    public LogFollower(Path file) { this.file = file; }

    public Path file() { return file; }

    /** New text; {@code reset} when the file was truncated, so the view clears what it showed before. */
    public record Chunk(boolean reset, String text) {}

    public synchronized Chunk readNew() throws IOException {
        if (!Files.isRegularFile(file)) return new Chunk(false, "");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            boolean truncated = offset > length;
            if (offset < 0 || truncated) offset = Math.max(0, length - INITIAL_BYTES);
            int toRead = (int) Math.min(length - offset, MAX_CHUNK);
            byte[] buf = new byte[Math.max(0, toRead)];
            raf.seek(offset);
            raf.readFully(buf);
            offset += toRead;
            String text = new String(buf, StandardCharsets.UTF_8);
            return new Chunk(truncated, text);
        }
    }
}
