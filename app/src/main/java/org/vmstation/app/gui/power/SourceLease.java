package org.vmstation.app.gui.power;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who runs a VM's power source (follow host, scenario) right now. There is no daemon, so the window and a
 * foreground {@code vmstation power --follow-host/--play} may both want to; the one holding this lease (a file
 * lock on {@code power-source.lock} in the VM's 0700 runtime folder) runs it, the others say who does. The
 * lock dies with its process, so a crashed holder never blocks the next one.
 */
public final class SourceLease implements AutoCloseable {
    public static final String FILE = "power-source.lock";
    static final int MAX_HOLDER_BYTES = 200;
    /** The JVM refuses a second lock on a file it already locked; this set answers for our own process. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SourceLease(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lease of the VM whose runtime folder is {@code runtimeDir}, or answers empty when another holder
     * (this process or another) has it.
     *
     * @param holder what the holder is, for the others' messages: "the VMStation window (pid 12)"
     */
    public static Optional<SourceLease> tryTake(Path runtimeDir, String holder) throws IOException {
        Path file = runtimeDir.resolve(FILE).toAbsolutePath();
        if (!HELD_HERE.add(file)) return Optional.empty();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                HELD_HERE.remove(file);
                return Optional.empty();
            }
            byte[] text = (holder.length() > MAX_HOLDER_BYTES ? holder.substring(0, MAX_HOLDER_BYTES) : holder)
                    .getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(text), 0);
            return Optional.of(new SourceLease(file, ch, lock));
        } catch (IOException | RuntimeException e) {
            if (ch != null) try { ch.close(); } catch (IOException ignored) { /* already failing */ }
            HELD_HERE.remove(file);
            throw e;
        }
    }

    /** What the current holder wrote about itself; empty when nobody holds the lease. */
    public static Optional<String> holder(Path runtimeDir) {
        Path file = runtimeDir.resolve(FILE).toAbsolutePath();
        if (!HELD_HERE.contains(file) && !lockedByAnotherProcess(file)) return Optional.empty();
        try (var in = Files.newInputStream(file)) {
            String text = new String(in.readNBytes(MAX_HOLDER_BYTES * 4), StandardCharsets.UTF_8).strip();
            // the holder is another VMStation process of this user, but keep what we show printable
            return Optional.of(text.isEmpty() ? "another VMStation process" : text.replaceAll("\\p{Cntrl}", "?"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("another VMStation process");
        }
    }

    private static boolean lockedByAnotherProcess(Path file) {
        if (!Files.exists(file)) return false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) return true;
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        } finally {
            HELD_HERE.remove(file);
        }
    }
}
