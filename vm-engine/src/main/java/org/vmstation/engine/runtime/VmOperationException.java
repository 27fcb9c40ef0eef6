package org.vmstation.engine.runtime;

/** A VM operation that could not be done, with a message written for the user. */
public class VmOperationException extends Exception {
    private final Reason reason;

    public enum Reason { ALREADY_RUNNING, NOT_RUNNING, INVALID_DEFINITION, QEMU_FAILED, DISK_IN_USE, MISSING_FILE, TIMEOUT, IO }

    public VmOperationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public VmOperationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
