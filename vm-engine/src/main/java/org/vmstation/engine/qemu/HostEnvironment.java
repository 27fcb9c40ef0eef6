package org.vmstation.engine.qemu;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of the host that decide where QEMU and its firmware are: environment variables, the OS, the home
 * folder. A record so tests can describe another host (macOS, an empty PATH) without touching the real one.
 */
public record HostEnvironment(Map<String, String> env, String osName, Path home) {
    public HostEnvironment {
        env = Map.copyOf(env);
        osName = osName == null ? "" : osName;
    }

    public static HostEnvironment current() {
        return new HostEnvironment(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home", ".")));
    }

    public boolean isMac() { return osName.toLowerCase(Locale.ROOT).startsWith("mac"); }

    public boolean isWindows() { return osName.toLowerCase(Locale.ROOT).startsWith("windows"); }

    public boolean isLinux() { return osName.toLowerCase(Locale.ROOT).startsWith("linux"); }

    /** The folders of PATH, in order, then the usual Homebrew folders on macOS (GUI apps there get a short PATH). */
    public List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>();
        String path = env.getOrDefault("PATH", "");
        for (String part : path.split(File.pathSeparator)) {
            if (!part.isBlank()) dirs.add(Path.of(part));
        }
        if (isMac()) {
            dirs.add(Path.of("/opt/homebrew/bin"));
            dirs.add(Path.of("/usr/local/bin"));
        }
        return dirs;
    }

    /** The executable file name on this OS ({@code .exe} added on Windows). */
    public String executableName(String base) { return isWindows() ? base + ".exe" : base; }

    /** The first {@code name} found on {@link #searchPath()}, or null. */
    public Path findOnPath(String base) {
        String name = executableName(base);
        for (Path dir : searchPath()) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}} (on macOS ~/Library/Caches, on Windows %LOCALAPPDATA%). */
    public Path userCacheDir() {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg);
        if (isMac()) return home.resolve("Library/Caches");
        if (isWindows() && env.get("LOCALAPPDATA") != null) return Path.of(env.get("LOCALAPPDATA"));
        return home.resolve(".cache");
    }
}
