package org.vmstation.engine.importer.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vmstation.engine.importer.ImportException;

/** Reads configuration files whole, refusing ones far larger than any real configuration. */
public final class LimitedFiles {
    /** No VM configuration we read is anywhere near this; a bigger file is a disk or an attack. */
    public static final long MAX_CONFIG_BYTES = 16L * 1024 * 1024;

    private LimitedFiles() {}

    public static byte[] read(Path file) throws ImportException {
        return read(file, MAX_CONFIG_BYTES);
    }

    public static byte[] read(Path file, long limit) throws ImportException {
        try {
            if (!Files.isRegularFile(file)) throw new ImportException(file, "not a readable file");
            long size = Files.size(file);
            if (size > limit) {
                throw new ImportException(file, "is " + size + " bytes; a VM configuration is expected to be at most " + limit + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return readAtMost(file, in, limit);
            }
        } catch (IOException e) {
            throw new ImportException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a stream fully, failing once more than {@code limit} bytes arrive. */
    public static byte[] readAtMost(Path file, InputStream in, long limit) throws IOException, ImportException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
        if (data.length > limit) {
            throw new ImportException(file, "is larger than the " + limit + " bytes a VM configuration may have");
        }
        return data;
    }

    /** The first {@code n} bytes of a file (fewer when it is shorter); used for sniffing formats. */
    public static byte[] head(Path file, int n) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
