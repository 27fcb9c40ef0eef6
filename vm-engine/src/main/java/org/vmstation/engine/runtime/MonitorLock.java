package org.vmstation.engine.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes use of one lock file across threads of this JVM and across VMStation processes. QEMU's monitor
 * socket serves one client at a time, and a start must not race another start, so both are guarded by one of
 * these. A file lock alone is not enough: the JVM refuses a second lock on the same file from another thread.
 */
public final class MonitorLock {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private MonitorLock() {}

    /** A held lock; close to release. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    public static Held acquire(Path lockFile, Duration timeout) throws IOException {
        ReentrantLock local = LOCAL.computeIfAbsent(lockFile.toAbsolutePath(), p -> new ReentrantLock());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!local.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("timed out waiting for " + lockFile + " (held by another thread)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + lockFile, e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            while ((lock = channel.tryLock()) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("timed out waiting for " + lockFile + " (held by another VMStation process)");
                }
                Thread.sleep(20);
            }
            FileChannel ch = channel;
            FileLock fl = lock;
            return () -> {
                try { fl.release(); ch.close(); } catch (IOException ignored) { /* closing releases it anyway */ }
                finally { local.unlock(); }
            };
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            local.unlock();
            throw e;
        } catch (InterruptedException e) {
            closeQuietly(channel);
            local.unlock();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + lockFile, e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) try { ch.close(); } catch (IOException ignored) { /* nothing to release */ }
    }
}
