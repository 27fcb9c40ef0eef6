package org.vmstation.usb.qemu;

/** Attaching or detaching a USB device failed; the message says what and why in a person's terms. */
public class UsbAttachException extends Exception {
    public UsbAttachException(String message) { super(message); }

    public UsbAttachException(String message, Throwable cause) { super(message, cause); }
}
