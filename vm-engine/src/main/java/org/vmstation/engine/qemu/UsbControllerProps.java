package org.vmstation.engine.qemu;

/**
 * The USB 3 (xHCI) controller every VM gets. Its bus {@link #BUS} is where the tablet, USB disks and the USB
 * pass-through backends plug in.
 */
public final class UsbControllerProps {
    public static final String ID = "xhci";
    public static final String BUS = ID + ".0";

    private UsbControllerProps() {}

    public static DeviceProps xhci() { return DeviceProps.of("qemu-xhci").with("id", ID); }
}
