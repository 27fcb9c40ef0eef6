package org.vmstation.engine.guest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds, and if needed builds, the OpenGL variant of the demo guest: the demo guest's kernel, and its initramfs
 * followed by Debian's Mesa and kmscube ({@code build-guest-gl.sh}). With the kernel command line from
 * {@link #kernelCommandLine} the guest draws with OpenGL on virtio-gpu for a while before its ready marker and
 * prints its renderer ({@value #RENDERER_MARKER}virgl ... with 3-D, llvmpipe ... without) and its frame rate
 * ({@value #FPS_MARKER}FPS FRAMES SECONDS) on the serial console.
 *
 * <p>The image lives in {@code <cacheRoot>/gl-<GL_RECIPE_VERSION>/} beside the demo guest's; building it
 * builds the demo guest first (its recipe must be found beside this one). It is built only when asked for:
 * about 240 MB, a download of Mesa with LLVM from the Debian archive.
 */
public final class GlGuestImageLocator {
    /** Must equal {@code GL_RECIPE_VERSION} in build-guest-gl.sh (a unit test checks it). */
    public static final String GL_RECIPE_VERSION = "1";
    public static final String RESOURCE = "org/vmstation/resources/guest/build-guest-gl.sh";
    /** Mesa and LLVM are unpacked into the guest's RAM: it needs this much memory. */
    public static final int MEMORY_MIB = 1024;
    /** The guest probe that runs the OpenGL workload. */
    public static final String PROBE = "gl";
    public static final String WORKLOAD_MARKER = "VMSTATION-GL-WORKLOAD ";
    public static final String RENDERER_MARKER = "VMSTATION-GL-RENDERER ";
    public static final String FPS_MARKER = "VMSTATION-GL-FPS ";
    public static final String DONE_MARKER = "VMSTATION-GL-DONE";
    /** Printed once the workload finished (before {@link GuestImageLocator#READY_MARKER}). */
    public static final String END_MARKER = "VMSTATION-PROBE-END gl";
    static final Path SOURCE_TREE_PATH = Path.of("resources/src/main/resources").resolve(RESOURCE);
    private static final int PARENT_LEVELS = 4;

    /** The OpenGL work the guest does. */
    public enum Workload {
        /** kmscube's shaded cube: little drawing, mostly the cost of getting each frame out. */
        CUBE("cube"),
        /** A full-screen fragment shader: the cost of drawing pixels, where rendering on the host pays off. */
        SHADER("shader");

        private final String word;

        Workload(String word) { this.word = word; }

        /** The value of {@code vmstation.gl.workload=}. */
        public String word() { return word; }
    }

    private final Path cacheRoot;
    private final Path workingDirectory;

    /** The per-user cache and this JVM's recipe (classpath, else the source tree above the working directory). */
    public GlGuestImageLocator() {
        this(GuestImageLocator.cacheRoot(), Path.of("").toAbsolutePath());
    }

    public GlGuestImageLocator(Path cacheRoot, Path workingDirectory) {
        this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot");
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    public Path imageDirectory() { return cacheRoot.resolve("gl-" + GL_RECIPE_VERSION); }

    /** The cached GL guest if a complete one exists; never builds (it may be stale if a recipe changed). */
    public Optional<GuestImage> find() {
        Path dir = imageDirectory();
        Path kernel = dir.resolve(GuestImageLocator.KERNEL_FILE);
        Path initrd = dir.resolve(GuestImageLocator.INITRD_FILE);
        Path manifest = dir.resolve(GuestImageLocator.MANIFEST_FILE);
        try {
            if (!Files.isRegularFile(kernel) || !Files.isRegularFile(initrd) || Files.size(initrd) == 0
                    || !Files.isRegularFile(manifest) || Files.size(manifest) > 64 * 1024
                    || !Files.readString(manifest).lines().anyMatch(("recipe-version=gl-" + GL_RECIPE_VERSION)::equals)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        Path pvh = dir.resolve(GuestImageLocator.PVH_KERNEL_FILE);
        return Optional.of(new GuestImage(kernel, initrd, "gl-" + GL_RECIPE_VERSION, Files.isRegularFile(pvh) ? pvh : null));
    }

    /**
     * Returns the GL guest, running its recipe first. The recipe itself decides in a moment whether its cache
     * (and the demo guest's) is current, since a change of either recipe must rebuild it.
     *
     * @param progress receives each line of the recipes' progress output
     * @throws GuestImageException naming the failed step and how to fix it
     */
    public GuestImage ensure(Consumer<String> progress) {
        Objects.requireNonNull(progress, "progress");
        Path script = locateRecipe().orElseThrow(() -> new GuestImageException("locate recipe",
                "no GL guest recipe found (looked at classpath " + RESOURCE + " and ./" + SOURCE_TREE_PATH + " above "
                        + workingDirectory + ")"));
        new GuestRecipeRunner(script, cacheRoot).run(progress);
        return find().orElseThrow(() -> new GuestImageException("publish",
                "the GL guest recipe finished but " + imageDirectory() + " holds no complete guest (vmlinuz, initrd.img, manifest); "
                        + GuestRecipeRunner.SETUP_HINT));
    }

    /**
     * The kernel command line for a GL guest that draws {@code workload} for {@code seconds}, then prints its
     * renderer and frame rate and reaches its ready marker.
     */
    public static String kernelCommandLine(Workload workload, int seconds) {
        Objects.requireNonNull(workload, "workload");
        if (seconds < 1 || seconds > 3600) {
            throw new IllegalArgumentException("GL workload length " + seconds + " s is out of range; expected 1 to 3600 seconds");
        }
        return GuestImageLocator.kernelCommandLine(java.util.List.of(PROBE))
                + " vmstation.gl.seconds=" + seconds + " vmstation.gl.workload=" + workload.word();
    }

    /** The GL recipe with the demo guest's recipe beside it (the GL recipe runs it first). */
    private Optional<Path> locateRecipe() {
        ClassLoader loader = GlGuestImageLocator.class.getClassLoader();
        try (InputStream gl = loader.getResourceAsStream(RESOURCE); InputStream base = loader.getResourceAsStream(GuestRecipeSource.RESOURCE)) {
            if (gl != null && base != null) {
                Path dir = Files.createTempDirectory("vmstation-guest-recipes-");
                Path script = dir.resolve("build-guest-gl.sh");
                Files.copy(gl, script, StandardCopyOption.REPLACE_EXISTING);
                Files.copy(base, dir.resolve("build-guest.sh"), StandardCopyOption.REPLACE_EXISTING);
                script.toFile().deleteOnExit();
                dir.resolve("build-guest.sh").toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                return Optional.of(script);
            }
        } catch (IOException e) {
            throw new GuestImageException("locate recipe", "cannot extract the guest recipes from the classpath: " + e.getMessage(), e);
        }
        Path dir = workingDirectory;
        for (int level = 0; level <= PARENT_LEVELS && dir != null; level++, dir = dir.getParent()) {
            Path candidate = dir.resolve(SOURCE_TREE_PATH);
            if (Files.isRegularFile(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
