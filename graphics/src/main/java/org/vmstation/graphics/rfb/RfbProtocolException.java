package org.vmstation.graphics.rfb;

import java.io.IOException;

/**
 * The RFB server sent something this client cannot accept: malformed, out of bounds, unsupported, or an
 * authentication refusal. The message names what was wrong; the connection is closed when this is raised.
 */
public final class RfbProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public RfbProtocolException(String message) {
        super(message);
    }

    public RfbProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
