package org.vmstation.engine.importer;

import java.nio.file.Path;

/** A file that cannot be imported; the message names the file, where in it, and what was expected. */
public class ImportException extends Exception {
    private final transient Path file;

    public ImportException(Path file, String problem) {
        super(describe(file) + ": " + problem);
        this.file = file;
    }

    public ImportException(Path file, String problem, Throwable cause) {
        super(describe(file) + ": " + problem, cause);
        this.file = file;
    }

    public Path file() { return file; }

    private static String describe(Path file) {
        return file == null ? "(unknown file)" : file.toString();
    }
}
