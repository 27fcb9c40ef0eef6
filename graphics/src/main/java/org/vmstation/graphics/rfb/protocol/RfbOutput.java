package org.vmstation.graphics.rfb.protocol;

/** Where client-to-server messages go. Implementations queue; they never block the caller on the socket. */
@FunctionalInterface
public interface RfbOutput {
    void send(byte[] message);
}
