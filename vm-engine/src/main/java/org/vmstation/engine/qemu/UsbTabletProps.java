package org.vmstation.engine.qemu;

/**
 * An absolute pointing device: the guest's pointer follows the host pointer exactly over VNC, with no
 * grab and no drift, which a PS/2 mouse cannot do.
 */
public final class UsbTabletProps {
    public static final String ID = "tablet0";

    private UsbTabletProps() {}

    public static DeviceProps tablet() { return DeviceProps.of("usb-tablet").with("bus", UsbControllerProps.BUS).with("id", ID); }
}
