package org.vmstation.engine.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Expected argument lists under {@code src/test/resources/golden/NAME.args}, one argument per line. Run the
 * tests with {@code -Dgolden.update=true} to rewrite them after an intended change, then review the diff.
 */
final class GoldenFiles {
    static final Path DIR = Path.of("src/test/resources/golden");

    private GoldenFiles() {}

    static void assertMatches(String name, List<String> actual) throws IOException {
        Path file = DIR.resolve(name + ".args");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DIR);
            Files.write(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file.toAbsolutePath()).isRegularFile();
        List<String> expected = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(actual).as("argv of golden case '%s' (update with -Dgolden.update=true)", name).containsExactlyElementsOf(expected);
    }
}
