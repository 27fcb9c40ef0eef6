package org.vmstation.engine.library;

/** The library could not do what was asked: unknown VM, unreadable or too-new database, I/O or SQL failure. */
public class LibraryException extends Exception {
    public LibraryException(String message) {
        super(message);
    }

    public LibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
