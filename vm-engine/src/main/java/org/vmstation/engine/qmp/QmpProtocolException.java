package org.vmstation.engine.qmp;

/** The peer sent bytes that are not valid QMP; the connection that received them is closed. */
public final class QmpProtocolException extends QmpException {
    private static final long serialVersionUID = 1L;

    public QmpProtocolException(String message) {
        super(message);
    }

    public QmpProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
