package org.vmstation.engine.qemu;

/**
 * Something this host lacks to run QEMU at all (the binary, qemu-img, OVMF firmware) or a QEMU binary that
 * could not be probed. The message tells the user what to install or set. Unchecked: it is raised from
 * suppliers and memoized lookups, and the only useful handling is showing the message.
 */
public class QemuSetupException extends RuntimeException {
    public QemuSetupException(String message) { super(message); }

    public QemuSetupException(String message, Throwable cause) { super(message, cause); }
}
