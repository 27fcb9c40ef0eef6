package org.vmstation.graphics.rfb;

import org.vmstation.graphics.rfb.protocol.PixelFormat;

/** What the server announced after the handshake: protocol version in use, screen size, native format, name. */
public record ServerInit(String protocolVersion, int width, int height, PixelFormat serverPixelFormat, String name) {
}
