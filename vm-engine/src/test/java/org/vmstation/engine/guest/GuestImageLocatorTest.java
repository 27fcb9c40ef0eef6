package org.vmstation.engine.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestImageLocatorTest {

    @Test
    void cacheRootFollowsOverrideThenPlatformConventions() {
        Path home = Path.of("/home/ann");
        assertThat(GuestImageLocator.cacheRoot(Map.of("VMSTATION_GUEST_CACHE", "/srv/guests"), "Linux", home))
                .isEqualTo(Path.of("/srv/guests"));
        assertThat(GuestImageLocator.cacheRoot(Map.of("XDG_CACHE_HOME", "/xdg"), "Linux", home))
                .isEqualTo(Path.of("/xdg/vmstation/guest"));
        assertThat(GuestImageLocator.cacheRoot(Map.of("XDG_CACHE_HOME", "relative"), "Linux", home))
                .isEqualTo(home.resolve(".cache/vmstation/guest"));
        assertThat(GuestImageLocator.cacheRoot(Map.of(), "Linux", home)).isEqualTo(home.resolve(".cache/vmstation/guest"));
        assertThat(GuestImageLocator.cacheRoot(Map.of(), "Mac OS X", home))
                .isEqualTo(home.resolve("Library/Caches/vmstation/guest"));
        assertThat(GuestImageLocator.cacheRoot(Map.of("LOCALAPPDATA", "/appdata"), "Windows 11", home))
                .isEqualTo(Path.of("/appdata/vmstation/guest"));
    }

    @Test
    void kernelCommandLineListsProbes() {
        assertThat(GuestImageLocator.kernelCommandLine(List.of("power", "usb")))
                .isEqualTo("console=ttyS0 console=tty0 quiet vmstation.probe=power,usb");
        assertThat(GuestImageLocator.kernelCommandLine(List.of())).isEqualTo("console=ttyS0 console=tty0 quiet");
        assertThatThrownBy(() -> GuestImageLocator.kernelCommandLine(List.of("usb", "rm -rf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rm -rf'");
        assertThatThrownBy(() -> GuestImageLocator.kernelCommandLine(List.of("a,b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recipeInTheSourceTreeDeclaresTheSameVersionAsTheJavaSide() throws IOException {
        Path script = GuestRecipeSource.system().locate().orElseThrow();
        Matcher m = Pattern.compile("(?m)^RECIPE_VERSION=(\\S+)$").matcher(Files.readString(script));

        assertThat(m.find()).as("RECIPE_VERSION line in %s", script).isTrue();
        assertThat(m.group(1)).isEqualTo(GuestImageLocator.RECIPE_VERSION);
    }

    @Test
    void findAcceptsOnlyACompleteImageOfThisRecipeVersion(@TempDir Path cache) throws IOException {
        GuestImageLocator locator = new GuestImageLocator(cache, sourceWith(null, cache));
        assertThat(locator.find()).isEmpty();

        Path dir = cache.resolve(GuestImageLocator.RECIPE_VERSION);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("vmlinuz"), "kernel");
        Files.writeString(dir.resolve("initrd.img"), "initrd");
        Files.writeString(dir.resolve("manifest"), "recipe-version=0\n");
        assertThat(locator.find()).isEmpty();

        Files.writeString(dir.resolve("manifest"), "recipe-version=" + GuestImageLocator.RECIPE_VERSION + "\n");
        assertThat(locator.find()).contains(new GuestImage(dir.resolve("vmlinuz"), dir.resolve("initrd.img"),
                GuestImageLocator.RECIPE_VERSION));

        Files.writeString(dir.resolve("vmlinux"), "elf");
        assertThat(locator.find().orElseThrow().pvhKernel()).contains(dir.resolve("vmlinux"));
        assertThat(locator.find().orElseThrow().kernelFor(false)).isEqualTo(dir.resolve("vmlinux"));
        assertThat(locator.find().orElseThrow().kernelFor(true)).isEqualTo(dir.resolve("vmlinuz"));

        Files.writeString(dir.resolve("initrd.img"), "");
        assertThat(locator.find()).isEmpty();
    }

    @Test
    void ensureRunsTheRecipeWithTheCacheRootAndForwardsProgress(@TempDir Path tmp) throws IOException {
        Path cache = tmp.resolve("cache");
        Path recipe = tmp.resolve("recipe.sh");
        Files.writeString(recipe, """
                set -eu
                echo "[guest] writing into $VMSTATION_GUEST_CACHE"
                d="$VMSTATION_GUEST_CACHE/%s"
                mkdir -p "$d"
                printf k >"$d/vmlinuz"; printf i >"$d/initrd.img"
                printf 'recipe-version=%s\\nrecipe-sha256=%%s\\n' "$(sha256sum "$0" | cut -d' ' -f1)" >"$d/manifest"
                """.formatted(GuestImageLocator.RECIPE_VERSION, GuestImageLocator.RECIPE_VERSION));
        GuestImageLocator locator = new GuestImageLocator(cache, sourceWith(recipe, tmp));
        List<String> progress = new ArrayList<>();

        GuestImage image = locator.ensure(progress::add);

        assertThat(image.kernel()).hasContent("k");
        assertThat(image.initrd()).hasContent("i");
        assertThat(progress).contains("[guest] writing into " + cache);

        // Second call: manifest matches the recipe's hash, so the script is not run again.
        progress.clear();
        assertThat(locator.ensure(progress::add)).isEqualTo(image);
        assertThat(progress).isEmpty();
    }

    @Test
    void ensureReportsTheFailedStepAndTheFix(@TempDir Path tmp) throws IOException {
        Path recipe = tmp.resolve("recipe.sh");
        Files.writeString(recipe, """
                echo "[guest] resolving"
                echo "[guest] ERROR (download): apt-get download failed" >&2
                exit 1
                """);
        GuestImageLocator locator = new GuestImageLocator(tmp.resolve("cache"), sourceWith(recipe, tmp));

        assertThatThrownBy(() -> locator.ensure(line -> { }))
                .isInstanceOfSatisfying(GuestImageException.class, e -> assertThat(e.step()).isEqualTo("download"))
                .hasMessageContaining("step 'download'")
                .hasMessageContaining("apt-get download failed")
                .hasMessageContaining("scripts/setup-deps.sh");
    }

    @Test
    void ensureWithoutRecipeOrCacheSaysWhereItLooked(@TempDir Path tmp) {
        GuestImageLocator locator = new GuestImageLocator(tmp.resolve("cache"), sourceWith(null, tmp));

        assertThatThrownBy(() -> locator.ensure(line -> { }))
                .isInstanceOf(GuestImageException.class)
                .hasMessageContaining("VMSTATION_GUEST_RECIPE")
                .hasMessageContaining(tmp.resolve("cache").toString());
    }

    @Test
    void overrideNamingAMissingFileIsAnError(@TempDir Path tmp) {
        GuestRecipeSource source = new GuestRecipeSource(Map.of("VMSTATION_GUEST_RECIPE", tmp.resolve("nope.sh").toString()),
                Map.of(), tmp, null);

        assertThatThrownBy(source::locate).isInstanceOf(GuestImageException.class).hasMessageContaining("nope.sh");
    }

    @Test
    void sourceTreeIsFoundFromAModuleDirectory(@TempDir Path tmp) throws IOException {
        Path script = tmp.resolve(GuestRecipeSource.SOURCE_TREE_PATH);
        Files.createDirectories(script.getParent());
        Files.writeString(script, "RECIPE_VERSION=1\n");
        Path moduleDir = Files.createDirectories(tmp.resolve("vm-engine"));

        assertThat(new GuestRecipeSource(Map.of(), Map.of(), moduleDir, null).locate()).contains(script);
    }

    /** A recipe source that sees only {@code recipe} (or nothing), never the real classpath or tree. */
    private static GuestRecipeSource sourceWith(Path recipe, Path workingDir) {
        Map<String, String> props = recipe == null ? Map.of() : Map.of("VMSTATION_GUEST_RECIPE", recipe.toString());
        return new GuestRecipeSource(Map.of(), props, workingDir, null);
    }
}
