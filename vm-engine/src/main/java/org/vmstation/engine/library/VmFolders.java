package org.vmstation.engine.library;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/** The per-VM folders under {@code <root>/vms/}: which ids may name one, and removing one safely. */
final class VmFolders {
    /** Ids become folder names: no separators, no {@code .}/{@code ..}, nothing a file system could trip on. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final String ID_EXPECTED = "1 to 128 letters, digits, '.', '_' or '-' starting with a letter or digit (normally a UUID)";

    private final Path vmsDir;

    VmFolders(Path root) {
        this.vmsDir = root.resolve("vms");
    }

    static boolean isSafeId(String id) {
        return id != null && SAFE_ID.matcher(id).matches();
    }

    Path folder(String id) {
        if (!isSafeId(id)) {
            throw new IllegalArgumentException("VM id '" + id + "' cannot name a folder: expected " + ID_EXPECTED);
        }
        return vmsDir.resolve(id);
    }

    /** Creates the folder; returns true when it did not exist before (so a failed add knows to remove it). */
    boolean create(String id) throws IOException {
        Path dir = folder(id);
        if (Files.isDirectory(dir)) return false;
        Files.createDirectories(dir);
        return true;
    }

    /**
     * Removes the folder and everything in it. Symbolic links are removed, never followed, so a link to a disk
     * elsewhere cannot make this delete files outside the folder.
     */
    void deleteTree(String id) throws IOException {
        Path dir = folder(id);
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
