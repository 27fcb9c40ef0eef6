package org.vmstation.engine.osinfo;

import java.nio.file.Path;

/** The osinfo database or an ISO image could not be read; the message names the file and what was expected. */
public final class OsInfoException extends Exception {
    public OsInfoException(String message) { super(message); }

    public OsInfoException(String message, Throwable cause) { super(message, cause); }

    public OsInfoException(Path file, String problem) { super(file + ": " + problem); }

    public OsInfoException(Path file, String problem, Throwable cause) { super(file + ": " + problem, cause); }
}
