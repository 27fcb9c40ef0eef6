package org.vmstation.engine.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the per-user library database lives.
 *
 * <p>{@value #ENV_OVERRIDE} overrides the platform default. It may name the database file or a folder to keep
 * {@value #FILE_NAME} in: an existing folder is a folder, an existing file is the file, and a path that does not
 * exist yet is a file when it ends in {@code .db} and a folder otherwise.
 */
public final class LibraryLocation {
    public static final String ENV_OVERRIDE = "VMSTATION_LIBRARY";
    public static final String FILE_NAME = "library.db";

    private LibraryLocation() {}

    public static Path defaultDatabase() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /** The rule behind {@link #defaultDatabase()}, with the environment passed in so it can be tested. */
    static Path resolve(Map<String, String> env, String osName, Path home) {
        String override = env.get(ENV_OVERRIDE);
        if (override != null && !override.isBlank()) return fromOverride(Path.of(override.strip()));
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve("VMStation").resolve(FILE_NAME).toAbsolutePath();
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve("VMStation").resolve(FILE_NAME).toAbsolutePath();
        }
        // The XDG base-directory spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("vmstation").resolve(FILE_NAME).toAbsolutePath();
    }

    /** The database named by a {@code --library} option: a .db file, or a folder that holds library.db. */
    public static Path fromOption(Path p) { return fromOverride(p); }

    private static Path fromOverride(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) return abs.resolve(FILE_NAME);
        if (Files.exists(abs)) return abs;
        String name = abs.getFileName() == null ? "" : abs.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".db") ? abs : abs.resolve(FILE_NAME);
    }
}
