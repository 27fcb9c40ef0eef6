package org.vmstation.engine.guest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the guest recipe script {@code build-guest.sh}.
 *
 * <p>Search order: the system property or environment variable {@code VMSTATION_GUEST_RECIPE}
 * (also {@code vmstation.guest.recipe}); the classpath resource (present when the resources
 * module is on the classpath, extracted to a temp file); finally the source tree, looking in the
 * working directory and its parents so dev runs and per-module test runs both find it.
 */
public final class GuestRecipeSource {
    public static final String RESOURCE = "org/vmstation/resources/guest/build-guest.sh";
    public static final String OVERRIDE_VARIABLE = "VMSTATION_GUEST_RECIPE";
    static final String OVERRIDE_PROPERTY = "vmstation.guest.recipe";
    static final Path SOURCE_TREE_PATH = Path.of("resources/src/main/resources").resolve(RESOURCE);
    private static final int PARENT_LEVELS = 4;

    private final Map<String, String> environment;
    private final Map<String, String> properties;
    private final Path workingDirectory;
    private final ClassLoader classLoader;

    public GuestRecipeSource(Map<String, String> environment, Map<String, String> properties,
                             Path workingDirectory, ClassLoader classLoader) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        this.classLoader = classLoader;
    }

    /** The source for this JVM: real environment, system properties, working directory, own class loader. */
    public static GuestRecipeSource system() {
        var props = new java.util.HashMap<String, String>();
        for (String key : new String[] {OVERRIDE_VARIABLE, OVERRIDE_PROPERTY}) {
            String value = System.getProperty(key);
            if (value != null) {
                props.put(key, value);
            }
        }
        return new GuestRecipeSource(System.getenv(), props, Path.of("").toAbsolutePath(),
                GuestRecipeSource.class.getClassLoader());
    }

    /**
     * Returns a readable file holding the recipe, or empty if none was found.
     *
     * @throws GuestImageException if an explicit override names a missing file, or extraction fails
     */
    public Optional<Path> locate() {
        Optional<String> override = firstNonBlank(
                properties.get(OVERRIDE_VARIABLE), properties.get(OVERRIDE_PROPERTY), environment.get(OVERRIDE_VARIABLE));
        if (override.isPresent()) {
            Path file = Path.of(override.get());
            if (!Files.isRegularFile(file)) {
                throw new GuestImageException("locate recipe", OVERRIDE_VARIABLE + " points to '" + file
                        + "', which is not a file; point it to build-guest.sh or unset it");
            }
            return Optional.of(file);
        }
        Optional<Path> extracted = extractFromClasspath();
        if (extracted.isPresent()) {
            return extracted;
        }
        Path dir = workingDirectory;
        for (int level = 0; level <= PARENT_LEVELS && dir != null; level++, dir = dir.getParent()) {
            Path candidate = dir.resolve(SOURCE_TREE_PATH);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private Optional<Path> extractFromClasspath() {
        if (classLoader == null) {
            return Optional.empty();
        }
        try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Path file = Files.createTempFile("vmstation-build-guest-", ".sh");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(file);
        } catch (IOException e) {
            throw new GuestImageException("locate recipe",
                    "cannot extract classpath resource " + RESOURCE + " to a temp file: " + e.getMessage(), e);
        }
    }

    private static Optional<String> firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return Optional.of(v.strip());
            }
        }
        return Optional.empty();
    }

    /** Where a person should look for the recipe in messages. */
    static String searchDescription() {
        return OVERRIDE_VARIABLE + ", classpath " + RESOURCE + ", or ./" + SOURCE_TREE_PATH.toString().replace('\\', '/');
    }
}
