package org.vmstation.engine.qmp;

import java.time.Duration;

/** No reply arrived in time. A reply that arrives later is discarded; the connection stays usable. */
public final class QmpTimeoutException extends QmpException {
    private static final long serialVersionUID = 1L;

    private final String command;

    public QmpTimeoutException(String command, Duration timeout, String peer) {
        super("QEMU did not answer '" + command + "' within " + timeout.toMillis() + " ms (" + peer + ")");
        this.command = command;
    }

    /** The command that timed out, or a description of what was awaited (e.g. the greeting). */
    public String command() {
        return command;
    }
}
