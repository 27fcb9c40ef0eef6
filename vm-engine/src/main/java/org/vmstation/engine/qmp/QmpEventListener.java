package org.vmstation.engine.qmp;

/**
 * Receives QMP events on the connection's event thread ("qmp-events-..."), in the order QEMU sent
 * them. A slow listener delays later events but never the reading of replies. Exceptions thrown
 * by a listener are logged and do not stop delivery.
 */
public interface QmpEventListener {

    void onEvent(QmpEvent event);

    /**
     * Called once, after every event received before the connection ended has been delivered.
     *
     * @param cause why the connection ended; its own cause is the underlying error, if any
     */
    default void onDisconnect(QmpDisconnectedException cause) {
    }
}
