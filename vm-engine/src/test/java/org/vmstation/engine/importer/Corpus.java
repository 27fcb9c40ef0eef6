package org.vmstation.engine.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared real-world corpus (../shared/corpus beside the repository), found by walking up from the module. */
final class Corpus {
    private Corpus() {}

    static Path root() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/corpus");
            if (Files.isDirectory(c)) return c;
        }
        throw new IllegalStateException("no shared/corpus folder above " + System.getProperty("user.dir")
                + "; CI checks out shared/ beside the repository");
    }

    static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p)) throw new IllegalStateException("corpus file missing: " + p);
        return p;
    }

    /** Every corpus file except the index (SOURCES.md) and git metadata. */
    static List<Path> all() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("SOURCES.md") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path p) { return root().relativize(p).toString().replace('\\', '/'); }
}
