package org.vmstation.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the shared corpus is accounted for: an importable input has a golden JSON of its normalised
 * import plan (or of its refusal) under {@code src/test/resources/corpus-golden/<path>.json}, reviewed by hand
 * against the original (see REVIEW.md there); a companion file (a manifest, a UTM view.plist) is listed in
 * {@code accounted-for.txt} with the descriptor it belongs to. A new corpus file fails until it has one.
 *
 * <p>To create or refresh goldens run with {@code -Dgolden.update=true}: the actual plans are written as the new
 * goldens and every such test FAILS with "golden files written, review them", so an update never passes silently.
 */
class CorpusGoldenTest {
    static final String UPDATE_PROPERTY = "golden.update";
    private static final Path GOLDEN_DIR = Path.of("src/test/resources/corpus-golden");
    private static final Path INDEX = GOLDEN_DIR.resolve("accounted-for.txt");

    static Stream<Arguments> importableInputs() {
        Map<String, Companion> companions = companions();
        return Corpus.all().stream().map(Corpus::relative).filter(r -> !companions.containsKey(r))
                .map(r -> Arguments.of(r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("importableInputs")
    void importPlanMatchesItsReviewedGolden(String relative) throws IOException {
        Path file = Corpus.file(relative);
        CorpusGoldenJson json = new CorpusGoldenJson(Corpus.root());
        String actual;
        try {
            actual = json.plan(ImporterRegistry.standard().read(file));
        } catch (ImportException refused) {
            actual = json.refusal(refused);
        }
        Path golden = goldenOf(relative);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(golden.getParent());
            boolean same = Files.isRegularFile(golden) && Files.readString(golden, StandardCharsets.UTF_8).equals(actual);
            if (!same) Files.writeString(golden, actual, StandardCharsets.UTF_8);
            fail("golden files written, review them: " + golden.toAbsolutePath() + (same ? " (unchanged)" : " (CHANGED)")
                    + "; run again without -D" + UPDATE_PROPERTY + " to check them");
        }
        if (!Files.isRegularFile(golden)) {
            fail("corpus file " + relative + " has no golden " + golden + ". Create it with "
                    + "mvn -pl vm-engine verify -Dtest=CorpusGoldenTest -D" + UPDATE_PROPERTY + "=true, then review the written JSON "
                    + "against the original file by hand (memory, CPUs, firmware, disks and buses in boot order, NICs, display, OS, "
                    + "report) and note it in corpus-golden/REVIEW.md; or, for a companion file, list it in " + INDEX);
        }
        assertThat(actual).as("normalised import plan of %s (golden %s)", relative, golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void companionFilesBelongToADescriptorWithAGoldenAndAreRefusedAlone() {
        Map<String, Companion> companions = companions();
        List<String> present = Corpus.all().stream().map(Corpus::relative).toList();
        assertThat(companions).as("accounted-for.txt lists companions").isNotEmpty();
        for (Companion c : companions.values()) {
            assertThat(present).as("companion %s listed in %s exists in the corpus", c.file(), INDEX).contains(c.file());
            assertThat(present).as("descriptor %s of companion %s exists in the corpus", c.descriptor(), c.file()).contains(c.descriptor());
            assertThat(companions).as("descriptor %s of %s is itself an importable input", c.descriptor(), c.file())
                    .doesNotContainKey(c.descriptor());
            assertThat(goldenOf(c.descriptor())).as("golden of descriptor %s", c.descriptor()).isRegularFile();
            Path file = Corpus.file(c.file());
            assertThatThrownBy(() -> ImporterRegistry.standard().read(file)).as("%s given alone is refused clearly", c.file())
                    .isInstanceOf(ImportException.class).hasMessageContaining(file.toString());
        }
    }

    @Test
    void everyGoldenBelongsToAnExistingCorpusFile() throws IOException {
        List<String> present = Corpus.all().stream().map(Corpus::relative).toList();
        try (Stream<Path> s = Files.walk(GOLDEN_DIR)) {
            List<String> orphans = s.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> GOLDEN_DIR.relativize(p).toString().replace('\\', '/'))
                    .map(p -> p.substring(0, p.length() - ".json".length()))
                    .filter(p -> !present.contains(p)).toList();
            assertThat(orphans).as("goldens whose corpus file is gone (delete them)").isEmpty();
        }
    }

    private static Path goldenOf(String relative) { return GOLDEN_DIR.resolve(relative + ".json"); }

    /** A file that is read through its descriptor, not imported on its own. */
    record Companion(String file, String descriptor, String why) {}

    /** Lines of accounted-for.txt: {@code companion | descriptor | why}; '#' starts a comment. */
    static Map<String, Companion> companions() {
        Map<String, Companion> out = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(INDEX, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus companion index " + INDEX.toAbsolutePath(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split("\\s*\\|\\s*", 3);
            if (parts.length != 3 || parts[2].isBlank()) {
                throw new IllegalStateException(INDEX + " line " + (i + 1) + ": expected 'companion | descriptor | why', got '" + line + "'");
            }
            out.put(parts[0], new Companion(parts[0], parts[1], parts[2]));
        }
        return out;
    }
}
