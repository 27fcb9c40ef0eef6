package org.vmstation.engine.qmp;

/** Base of every failure the QMP client reports. Unchecked: callers decide where to handle a dead VM. */
public class QmpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QmpException(String message) {
        super(message);
    }

    public QmpException(String message, Throwable cause) {
        super(message, cause);
    }
}
