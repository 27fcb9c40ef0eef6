package org.vmstation.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The per-user folder that holds control sockets (QMP, VNC, serial, device backends). It must be private
 * (0700, owned by this user): anyone who can open a QMP socket owns the VM.
 */
public final class RuntimeDirectory {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    /** UNIX socket paths are limited to 107 bytes on Linux; leave room for the longest socket name. */
    static final int MAX_BASE_LENGTH = 107 - 1 - 36 - 1 - "usbredir-00.sock".length();

    private final Path base;

    public RuntimeDirectory(Path base) {
        this.base = base.toAbsolutePath().normalize();
        if (this.base.toString().length() > MAX_BASE_LENGTH) {
            throw new IllegalArgumentException("runtime folder " + this.base + " is too long for UNIX socket paths (at most "
                    + MAX_BASE_LENGTH + " characters); set VMSTATION_RUNTIME_DIR to a shorter path");
        }
    }

    /** $VMSTATION_RUNTIME_DIR, else $XDG_RUNTIME_DIR/vmstation, else /tmp/vmstation-USER. */
    public static RuntimeDirectory forCurrentUser() {
        String override = System.getenv("VMSTATION_RUNTIME_DIR");
        if (override != null && !override.isBlank()) return new RuntimeDirectory(Path.of(override));
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg))) {
            return new RuntimeDirectory(Path.of(xdg, "vmstation"));
        }
        return new RuntimeDirectory(Path.of(System.getProperty("java.io.tmpdir"), "vmstation-" + System.getProperty("user.name")));
    }

    public Path base() { return base; }

    /** The VM's own private folder, created on demand. */
    public Path forVm(String vmId) throws IOException {
        if (!vmId.matches("[A-Za-z0-9-]{1,36}")) throw new IllegalArgumentException("not a VM id: " + vmId);
        Path dir = ensurePrivate(base).resolve(vmId);
        return ensurePrivate(dir);
    }

    /** Path of the VM's folder without creating it (for status checks that must not leave traces). */
    public Path pathForVm(String vmId) { return base.resolve(vmId); }

    private static Path ensurePrivate(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another VMStation process created it at the same moment: check it below like any other
            }
        }
        PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isDirectory()) throw new IOException(dir + " should be a folder for VMStation's control sockets but is not");
        String me = System.getProperty("user.name");
        if (!attrs.owner().getName().equals(me)) {
            throw new IOException("runtime folder " + dir + " belongs to " + attrs.owner().getName() + ", not to " + me
                    + ": refusing to put VM control sockets there");
        }
        if (!attrs.permissions().equals(PRIVATE)) Files.setPosixFilePermissions(dir, PRIVATE);
        return dir;
    }
}
