package org.vmstation.engine.qmp;

/** No connection to the QMP socket could be established. */
public final class QmpConnectException extends QmpException {
    private static final long serialVersionUID = 1L;

    public QmpConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
