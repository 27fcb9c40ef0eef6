package org.vmstation.engine.qmp;

/**
 * The monitor connection ended. Commands still waiting for a reply fail with this exception; its
 * cause says why the connection ended (end of stream has none, an I/O error or a
 * {@link QmpProtocolException} otherwise).
 */
public final class QmpDisconnectedException extends QmpException {
    private static final long serialVersionUID = 1L;

    /** The message used when QEMU itself closed the socket. */
    public static final String PEER_CLOSED = "QEMU closed the monitor connection (the VM process exited?)";

    public QmpDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
