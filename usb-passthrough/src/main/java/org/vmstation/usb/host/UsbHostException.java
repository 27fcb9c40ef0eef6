package org.vmstation.usb.host;

/** Reading the host's USB devices failed; the message names the path and what went wrong. */
public class UsbHostException extends Exception {
    public UsbHostException(String message) { super(message); }

    public UsbHostException(String message, Throwable cause) { super(message, cause); }
}
