package org.vmstation.usb.host;

import java.util.List;

/**
 * The host's USB devices. Linux reads sysfs ({@link SysfsUsbBackend}); a macOS (IOKit) or Windows (SetupAPI /
 * libusb) backend would implement the same two methods: a snapshot and a change feed.
 */
public interface HostUsbBackend {
    /** The devices plugged in now, hubs' root devices excluded, in port order. */
    List<UsbDevice> enumerate() throws UsbHostException;

    /**
     * Reports plug and unplug events until the returned handle is closed. The listener is called on a
     * background thread, first with one {@code plugged} per device present at the time of the call.
     */
    AutoCloseable watch(UsbHotplugListener listener);
}
