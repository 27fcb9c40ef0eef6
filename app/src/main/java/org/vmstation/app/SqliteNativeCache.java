package org.vmstation.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * Keeps sqlite-jdbc's native library in the user's cache folder, one copy per driver version, and points the
 * driver at it. Left alone, the driver copies the library (about 1 MB) out of its jar into the temporary folder
 * on every start and deletes it at exit: a window start paid for that write before it could read the library.
 * Anything unexpected (another platform, a read-only home) leaves the driver to do as it always did.
 */
final class SqliteNativeCache {
    static final String LIB_NAME = "libsqlitejdbc.so";

    private SqliteNativeCache() {}

    /** Points the driver at the cached copy, making it first if needed; does nothing if the user set the driver's own properties. */
    static void use() {
        if (System.getProperty("org.sqlite.lib.path") != null) return;
        try {
            Path lib = prepare(cacheRoot(), SqliteNativeCache.class.getClassLoader());
            if (lib == null) return;
            System.setProperty("org.sqlite.lib.path", lib.getParent().toString());
            System.setProperty("org.sqlite.lib.name", lib.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            // the driver extracts to the temporary folder as before
        }
    }

    /**
     * The driver's native library for this platform under {@code root} (in a folder named after the driver's
     * version and the platform), copied there from the driver's jar unless a copy of the same size is there
     * already; null on a platform this does not handle.
     */
    static Path prepare(Path root, ClassLoader loader) throws IOException {
        String platform = platformFolder();
        if (platform == null) return null;
        String version = driverVersion(loader);
        URL resource = loader.getResource("org/sqlite/native/" + platform + "/" + LIB_NAME);
        if (version == null || resource == null) return null;
        Path dir = root.resolve("sqlite-jdbc-" + version).resolve(platform.replace('/', '-'));
        Path lib = dir.resolve(LIB_NAME);
        URLConnection connection = resource.openConnection();
        connection.setUseCaches(false);
        long size = connection.getContentLengthLong(); // from the jar's directory: nothing is inflated
        if (size > 0 && Files.isRegularFile(lib) && Files.size(lib) == size) return lib;
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, LIB_NAME, ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            // another start may be doing the same: each writes its own file and the move makes one of them the copy
            Files.move(part, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        return lib;
    }

    private static String driverVersion(ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream("sqlite-jdbc.properties")) {
            if (in == null) return null;
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            return v != null && v.matches("[0-9A-Za-z.\\-]+") ? v : null;
        }
    }

    /** The driver's folder for this OS and CPU (its own naming), for the platforms VMStation ships on. */
    private static String platformFolder() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) return null;
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        // a musl system (Alpine) needs the driver's Linux-Musl build; its own detection picks that
        if (arch == null || Files.exists(Path.of("/lib/ld-musl-" + arch + ".so.1"))) return null;
        return "Linux/" + arch;
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vmstation");
    }
}
