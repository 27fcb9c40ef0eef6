package org.vmstation.engine.library;

import java.util.Objects;

/**
 * Wraps a {@link LibraryException} thrown from a read method whose signature has no checked exception
 * ({@link VmLibrary#list()}, {@link VmLibrary#findById}, ...), the way {@link java.io.UncheckedIOException} does.
 */
public class UncheckedLibraryException extends RuntimeException {
    public UncheckedLibraryException(LibraryException cause) {
        super(cause.getMessage(), Objects.requireNonNull(cause, "cause"));
    }

    @Override
    public synchronized LibraryException getCause() {
        return (LibraryException) super.getCause();
    }
}
