/**
 * RFB (VNC) client for QEMU's VNC server on a UNIX socket.
 *
 * <p>Layers, bottom up: {@code transport} moves bytes (one reader thread, one writer thread per connection,
 * optional recording of server bytes); {@code protocol} holds the socket-free client state machine
 * ({@link org.vmstation.graphics.rfb.protocol.ClientProtocol}: handshake, then one outstanding update request);
 * {@code messages} decodes each server message type and {@code encodings} each rectangle encoding, all as
 * resumable state machines fed whatever chunk of bytes arrived; this package is the typed API
 * ({@link org.vmstation.graphics.rfb.RfbClient}, {@link org.vmstation.graphics.rfb.RfbSession},
 * {@link org.vmstation.graphics.rfb.RfbSessionListener}). Every length and rectangle from the server is bounded
 * ({@link org.vmstation.graphics.rfb.RfbLimits}); violations end the connection with an
 * {@link org.vmstation.graphics.rfb.RfbProtocolException} delivered to {@code onClosed}.
 */
package org.vmstation.graphics.rfb;
