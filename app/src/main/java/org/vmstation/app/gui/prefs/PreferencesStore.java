package org.vmstation.app.gui.prefs;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Keeps {@link Preferences} in {@code preferences.properties} in the per-user configuration folder
 * ({@code ${XDG_CONFIG_HOME:-~/.config}/vmstation}, {@code ~/Library/Preferences/VMStation} on macOS,
 * {@code %APPDATA%\VMStation} on Windows; {@value #ENV_OVERRIDE} names another folder). A value the file gets
 * wrong does not keep VMStation from opening: that one setting takes its default and {@link Loaded#problems()}
 * says which key, which value and what was expected.
 */
public final class PreferencesStore {
    public static final String ENV_OVERRIDE = "VMSTATION_CONFIG";
    public static final String FILE_NAME = "preferences.properties";

    /** What was read, and what in the file could not be used. */
    public record Loaded(Preferences preferences, List<String> problems) {
        public Loaded { problems = List.copyOf(problems); }
    }

    private final Path file;
    private final OpenLibrary openLibrary;

    public PreferencesStore(Path file) { this(file, null); }

    private PreferencesStore(Path file, OpenLibrary openLibrary) {
        this.file = file;
        this.openLibrary = openLibrary;
    }

    /**
     * This store, knowing which library the process opened ({@code library}'s database file) and, from the
     * preferences saved now, what chose it; Edit › Preferences shows it under the Library location.
     */
    public PreferencesStore withOpenLibrary(Path database) {
        return withOpenLibrary(OpenLibrary.forThisProcess(database, load().preferences()));
    }

    public PreferencesStore withOpenLibrary(OpenLibrary library) { return new PreferencesStore(file, library); }

    /** The library this process opened, when whoever opened it said so ({@link #withOpenLibrary}). */
    public java.util.Optional<OpenLibrary> openLibrary() { return java.util.Optional.ofNullable(openLibrary); }

    /** The store in this user's configuration folder. */
    public static PreferencesStore forCurrentUser() {
        return new PreferencesStore(configDir(System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home", "."))).resolve(FILE_NAME));
    }

    static Path configDir(Map<String, String> env, String osName, Path home) {
        String override = env.get(ENV_OVERRIDE);
        if (override != null && !override.isBlank()) return Path.of(override.strip()).toAbsolutePath();
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("VMStation");
        }
        if (os.startsWith("mac")) return home.resolve("Library/Preferences/VMStation");
        String xdg = env.get("XDG_CONFIG_HOME");
        // the XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("vmstation");
    }

    public Path file() { return file; }

    /** The saved preferences; the defaults when there is no file yet. */
    public Loaded load() {
        if (!Files.exists(file)) return new Loaded(Preferences.DEFAULTS, List.of());
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return new Loaded(Preferences.DEFAULTS, List.of("could not read " + file + ": " + e.getMessage() + "; using the defaults"));
        }
        List<String> problems = new ArrayList<>();
        Preferences d = Preferences.DEFAULTS;
        return new Loaded(new Preferences(
                p.getProperty("library.location", d.libraryLocation()),
                p.getProperty("vm.folder", d.defaultVmFolder()),
                p.getProperty("qemu.binary", d.qemuBinary()),
                choice(p, "console.host-key", HostKey.class, d.hostKey(), problems),
                choice(p, "window.close", CloseBehaviour.class, d.closeBehaviour(), problems),
                choice(p, "window.theme", Theme.class, d.theme(), problems)), problems);
    }

    /** Writes the whole file at once (a crash mid-write leaves the old file), creating the folder if needed. */
    public void save(Preferences prefs) throws IOException {
        Properties p = new Properties();
        p.setProperty("library.location", prefs.libraryLocation());
        p.setProperty("vm.folder", prefs.defaultVmFolder());
        p.setProperty("qemu.binary", prefs.qemuBinary());
        p.setProperty("console.host-key", key(prefs.hostKey()));
        p.setProperty("window.close", key(prefs.closeBehaviour()));
        p.setProperty("window.theme", key(prefs.theme()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "VMStation preferences (Edit > Preferences in the window)");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String key(Enum<?> value) { return value.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    private <E extends Enum<E>> E choice(Properties p, String name, Class<E> type, E fallback, List<String> problems) {
        String raw = p.getProperty(name);
        if (raw == null || raw.isBlank()) return fallback;
        for (E e : type.getEnumConstants()) if (key(e).equals(raw.strip().toLowerCase(Locale.ROOT))) return e;
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(PreferencesStore::key).toList();
        problems.add(file + ": " + name + " is '" + raw.strip() + "': expected one of " + String.join(", ", allowed)
                + "; using " + key(fallback));
        return fallback;
    }
}
