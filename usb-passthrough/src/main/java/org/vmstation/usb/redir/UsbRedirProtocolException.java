package org.vmstation.usb.redir;

/** The peer sent something the usbredir protocol does not allow; the connection it came on is ended. */
public class UsbRedirProtocolException extends Exception {
    public UsbRedirProtocolException(String message) { super(message); }

    public UsbRedirProtocolException(String message, Throwable cause) { super(message, cause); }
}
