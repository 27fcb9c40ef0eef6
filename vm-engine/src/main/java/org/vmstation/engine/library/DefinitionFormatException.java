package org.vmstation.engine.library;

/**
 * A VM definition document could not be read: not JSON, a field of the wrong type, an unknown field, or a format
 * version newer than this build. {@link #field()} names the offending field as a path such as
 * {@code disks[1].format} (empty for problems with the document as a whole).
 */
public class DefinitionFormatException extends IllegalArgumentException {
    private final String field;

    public DefinitionFormatException(String field, String message) {
        super(message);
        this.field = field == null ? "" : field;
    }

    public DefinitionFormatException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field == null ? "" : field;
    }

    public String field() { return field; }
}
