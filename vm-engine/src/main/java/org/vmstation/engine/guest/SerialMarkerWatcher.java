package org.vmstation.engine.guest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Tails a growing file (typically a VM's serial log) and completes a future when a line containing
 * a marker appears. The future's value is the time from {@link #start} until the line was seen.
 *
 * <p>The file may not exist yet; it is polled every {@link #POLL_INTERVAL}. Lines are matched once
 * terminated by {@code \n}; a line longer than {@link #MAX_LINE_BYTES} is cut into pieces that overlap by
 * the marker length, so memory stays bounded and a marker at a cut is still found. If the file shrinks
 * (recreated by a new VM run) reading restarts at its beginning.
 */
public final class SerialMarkerWatcher implements AutoCloseable {
    public static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private final Path file;
    private final byte[] marker;
    private final long startNanos;
    private final CompletableFuture<Duration> future = new CompletableFuture<>();
    private final Thread poller;
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int lineLength;
    private long position;
    private volatile boolean closed;

    private SerialMarkerWatcher(Path file, String marker, long fromOffset) {
        this.file = Objects.requireNonNull(file, "file");
        Objects.requireNonNull(marker, "marker");
        if (marker.isEmpty() || marker.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("marker must be non-empty and on one line, got '" + marker + "'");
        }
        this.marker = marker.getBytes(StandardCharsets.UTF_8);
        if (this.marker.length > MAX_LINE_BYTES / 2) {
            throw new IllegalArgumentException("marker is longer than " + MAX_LINE_BYTES / 2 + " bytes");
        }
        if (fromOffset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + fromOffset);
        }
        this.position = fromOffset;
        this.startNanos = System.nanoTime();
        this.poller = Thread.ofVirtual().name("serial-marker-" + file.getFileName()).unstarted(this::pollLoop);
    }

    /** Starts watching {@code file} from its beginning for a line containing {@code marker}. */
    public static SerialMarkerWatcher start(Path file, String marker) {
        return start(file, marker, 0);
    }

    /** Starts watching from byte {@code offset}, e.g. the log's size before a reboot, to skip older lines. */
    public static SerialMarkerWatcher start(Path file, String marker, long offset) {
        SerialMarkerWatcher watcher = new SerialMarkerWatcher(file, marker, offset);
        watcher.poller.start();
        return watcher;
    }

    /** Completes with the elapsed time when the marker line appears; cancelled by {@link #close()}. */
    public CompletableFuture<Duration> future() {
        return future;
    }

    /** Stops polling; an incomplete future is cancelled. */
    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        future.cancel(false);
    }

    private void pollLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (!closed && !future.isDone()) {
                if (!readAvailable(buffer)) {
                    Thread.sleep(POLL_INTERVAL);
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts; the future is already cancelled then.
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            future.completeExceptionally(new IOException("watching " + file + " for the marker failed: " + e.getMessage(), e));
        }
    }

    /** Reads what is new in the file; returns whether anything was read. */
    private boolean readAvailable(ByteBuffer buffer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < position) {
                position = 0;
                lineLength = 0;
            }
            if (size == position) {
                return false;
            }
            channel.position(position);
            int n;
            while (!future.isDone() && (n = channel.read(buffer.clear())) > 0) {
                position += n;
                consume(buffer.array(), n);
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private void consume(byte[] data, int length) {
        for (int i = 0; i < length && !future.isDone(); i++) {
            byte b = data[i];
            if (b == '\n') {
                checkLine();
                lineLength = 0;
            } else {
                if (lineLength == line.length) {
                    // Keep the tail so a marker spanning the cut is still whole in the next piece.
                    checkLine();
                    int keep = marker.length - 1;
                    System.arraycopy(line, lineLength - keep, line, 0, keep);
                    lineLength = keep;
                }
                line[lineLength++] = b;
            }
        }
    }

    private void checkLine() {
        if (indexOf(line, lineLength, marker) >= 0) {
            future.complete(Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
