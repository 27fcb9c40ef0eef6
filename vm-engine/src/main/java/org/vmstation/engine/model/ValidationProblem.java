package org.vmstation.engine.model;

/**
 * One thing wrong with a definition.
 *
 * @param field    the field path, e.g. {@code memoryMiB} or {@code disks[1].path}
 * @param value    the offending value as text (may be empty)
 * @param expected what a valid value looks like, in words
 */
public record ValidationProblem(String field, String value, String expected) {
    /** One sentence a user understands. */
    public String message() {
        return field + " is '" + value + "': expected " + expected;
    }

    @Override
    public String toString() { return message(); }
}
