package org.vmstation.usb.rules;

/** The request would give a device to two VMs, or to a VM that is not running. */
public class UsbConflictException extends Exception {
    public UsbConflictException(String message) { super(message); }
}
