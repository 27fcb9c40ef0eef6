package org.vmstation.app.gui.prefs;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Whether the desktop prefers dark colours. Asked in this order: GNOME's {@code color-scheme} setting
 * ({@code prefer-dark}), the GTK theme's name (Adwaita-dark, Breeze-Dark, ...) from {@code gsettings} and from
 * {@code GTK_THEME}. Runs programs: call it off the JavaFX thread.
 */
public final class DesktopTheme {
    private final Function<List<String>, Optional<String>> commands;
    private final Map<String, String> env;

    /**
     * @param commands runs a command and gives its standard output, or empty when it is missing or fails
     */
    public DesktopTheme(Function<List<String>, Optional<String>> commands, Map<String, String> env) {
        this.commands = commands;
        this.env = Map.copyOf(env);
    }

    public static DesktopTheme forThisDesktop() { return new DesktopTheme(DesktopTheme::run, System.getenv()); }

    public boolean prefersDark() {
        Optional<String> scheme = commands.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
        if (scheme.isPresent()) {
            String s = scheme.get().toLowerCase(Locale.ROOT);
            if (s.contains("prefer-dark")) return true;
            if (s.contains("prefer-light")) return false;
            // "default": the desktop leaves it to the theme
        }
        Optional<String> gtk = commands.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"));
        if (gtk.isPresent() && gtk.get().toLowerCase(Locale.ROOT).contains("dark")) return true;
        String gtkTheme = env.getOrDefault("GTK_THEME", "");
        return gtkTheme.toLowerCase(Locale.ROOT).contains("dark");
    }

    private static Optional<String> run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(new String(out, java.nio.charset.StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no gsettings on this desktop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
