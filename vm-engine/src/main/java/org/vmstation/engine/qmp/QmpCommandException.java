package org.vmstation.engine.qmp;

/** QEMU answered a command with {@code {"error": {"class": ..., "desc": ...}}}. The connection stays usable. */
public final class QmpCommandException extends QmpException {
    private static final long serialVersionUID = 1L;

    private final String errorClass;
    private final String description;
    private final String command;

    public QmpCommandException(String errorClass, String description, String command) {
        super("QEMU rejected '" + command + "': " + description + " (" + errorClass + ")");
        this.errorClass = errorClass;
        this.description = description;
        this.command = command;
    }

    /** QMP error class, e.g. {@code GenericError}, {@code DeviceNotFound}, {@code CommandNotFound}. */
    public String errorClass() {
        return errorClass;
    }

    /** QEMU's human-readable description. */
    public String description() {
        return description;
    }

    /** The command that failed. */
    public String command() {
        return command;
    }
}
