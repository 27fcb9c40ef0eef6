package org.vmstation.usb.host;

/** Receives host USB plug and unplug events. */
public interface UsbHotplugListener {
    void plugged(UsbDevice device);

    void unplugged(UsbDevice device);

    /** Enumeration failed (e.g. sysfs became unreadable); watching continues. */
    default void failed(UsbHostException error) {}
}
