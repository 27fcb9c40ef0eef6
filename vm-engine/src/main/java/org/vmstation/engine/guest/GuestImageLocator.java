package org.vmstation.engine.guest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Finds, and if needed builds, the cached demo/test guest ({@link GuestImage}).
 *
 * <p>The cache lives in {@code <cacheRoot>/<RECIPE_VERSION>/} with {@code vmlinuz}, optionally
 * {@code vmlinux} (PVH ELF), {@code initrd.img} and {@code manifest}; the recipe script writes it and
 * this class reads it.
 */
public final class GuestImageLocator {
    /** Must equal {@code RECIPE_VERSION} in build-guest.sh (a unit test checks it). */
    public static final String RECIPE_VERSION = "2";
    /** The guest prints this line on ttyS0 once its probes ran and its shell is about to start. */
    public static final String READY_MARKER = "VMSTATION-READY";
    /** Probe names the guest's init understands. */
    public static final List<String> PROBES = List.of("power", "usb", "input", "drm", "block", "net");
    public static final String CACHE_VARIABLE = "VMSTATION_GUEST_CACHE";

    static final String KERNEL_FILE = "vmlinuz";
    static final String PVH_KERNEL_FILE = "vmlinux";
    static final String INITRD_FILE = "initrd.img";
    static final String MANIFEST_FILE = "manifest";
    private static final Pattern PROBE_NAME = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final long MAX_MANIFEST_BYTES = 64 * 1024;

    private final Path cacheRoot;
    private final GuestRecipeSource recipeSource;

    public GuestImageLocator() {
        this(cacheRoot(), GuestRecipeSource.system());
    }

    public GuestImageLocator(Path cacheRoot, GuestRecipeSource recipeSource) {
        this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot");
        this.recipeSource = Objects.requireNonNull(recipeSource, "recipeSource");
    }

    /** The per-user cache root for guest images (the version directories live below it). */
    public static Path cacheRoot() {
        return cacheRoot(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    static Path cacheRoot(Map<String, String> env, String osName, Path home) {
        String override = env.get(CACHE_VARIABLE);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        Path base;
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            base = home.resolve("Library").resolve("Caches");
        } else if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            base = local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local");
        } else {
            String xdg = env.get("XDG_CACHE_HOME");
            // The XDG spec says relative values are invalid and must be ignored.
            base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        }
        return base.resolve("vmstation").resolve("guest");
    }

    /** The directory this recipe version uses. */
    public Path imageDirectory() {
        return cacheRoot.resolve(RECIPE_VERSION);
    }

    /** The cached guest if a complete one for {@link #RECIPE_VERSION} exists; never builds. */
    public Optional<GuestImage> find() {
        Path dir = imageDirectory();
        Path kernel = dir.resolve(KERNEL_FILE);
        Path initrd = dir.resolve(INITRD_FILE);
        if (!nonEmptyFile(kernel) || !nonEmptyFile(initrd)) {
            return Optional.empty();
        }
        return manifest().filter(m -> m.contains("\nrecipe-version=" + RECIPE_VERSION + "\n"))
                .map(m -> new GuestImage(kernel, initrd, RECIPE_VERSION,
                        nonEmptyFile(dir.resolve(PVH_KERNEL_FILE)) ? dir.resolve(PVH_KERNEL_FILE) : null));
    }

    /**
     * Returns the guest, building it with the recipe when it is missing or the recipe changed.
     *
     * @param progress receives each line of the recipe's progress output
     * @throws GuestImageException naming the failed step and how to fix it
     */
    public GuestImage ensure(Consumer<String> progress) {
        Objects.requireNonNull(progress, "progress");
        Optional<GuestImage> cached = find();
        Optional<Path> script = recipeSource.locate();
        if (script.isEmpty()) {
            return cached.orElseThrow(() -> new GuestImageException("locate recipe",
                    "no cached guest in " + imageDirectory() + " and no recipe found (looked at "
                            + GuestRecipeSource.searchDescription() + "); run scripts/build-guest.sh from the source tree"));
        }
        // Skipping the script when nothing changed keeps this usable on hosts without bash/apt.
        if (cached.isPresent() && manifest().map(m -> m.contains("\nrecipe-sha256=" + sha256(script.get()) + "\n")).orElse(false)) {
            return cached.get();
        }
        progress.accept("[guest] building the demo guest into " + imageDirectory());
        new GuestRecipeRunner(script.get(), cacheRoot).run(progress);
        return find().orElseThrow(() -> new GuestImageException("publish",
                "the guest recipe finished but " + imageDirectory() + " holds no complete guest (vmlinuz, initrd.img, manifest); "
                        + GuestRecipeRunner.SETUP_HINT));
    }

    /**
     * The kernel command line the engine passes to the demo guest: serial and VGA consoles, quiet boot, and
     * the probes to run before the ready marker.
     *
     * @throws IllegalArgumentException if a probe name is not a short lowercase word
     */
    public static String kernelCommandLine(List<String> probes) {
        Objects.requireNonNull(probes, "probes");
        StringBuilder line = new StringBuilder("console=ttyS0 console=tty0 quiet");
        for (String probe : probes) {
            if (probe == null || !PROBE_NAME.matcher(probe).matches()) {
                throw new IllegalArgumentException("guest probe name '" + probe
                        + "' is invalid; expected 1-32 characters of a-z, 0-9, '_' or '-' (known: " + PROBES + ")");
            }
        }
        if (!probes.isEmpty()) {
            line.append(" vmstation.probe=").append(String.join(",", probes));
        }
        return line.toString();
    }

    /** Manifest text framed by newlines so that whole-line checks are simple substring checks. */
    private Optional<String> manifest() {
        Path file = imageDirectory().resolve(MANIFEST_FILE);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_MANIFEST_BYTES) {
                return Optional.empty();
            }
            return Optional.of("\n" + Files.readString(file).replace("\r", "") + "\n");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean nonEmptyFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new GuestImageException("locate recipe", "cannot read recipe " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
