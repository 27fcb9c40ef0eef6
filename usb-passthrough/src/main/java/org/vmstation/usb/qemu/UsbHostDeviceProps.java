package org.vmstation.usb.qemu;

import java.util.Objects;
import java.util.regex.Pattern;
import org.vmstation.engine.qemu.DeviceProps;
import org.vmstation.usb.host.UsbDevice;

/**
 * The one builder of QEMU {@code usb-host} devices: the same {@link DeviceProps} go on the command line at
 * start ({@code -device}) and into QMP {@code device_add} for hot-plug.
 *
 * <p>By port ({@code hostbus}+{@code hostport}) picks whatever is plugged into that socket; by ids
 * ({@code vendorid}+{@code productid}) picks the device wherever it is plugged. Either way QEMU keeps the
 * device slot and re-opens the device when it is replugged.
 */
public final class UsbHostDeviceProps {
    private static final Pattern PORT = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){0,6}");

    private UsbHostDeviceProps() {}

    public static DeviceProps byPort(String id, int hostBus, String hostPort) {
        if (hostBus < 1 || hostBus > 255) {
            throw new IllegalArgumentException("USB host bus " + hostBus + " is out of range; expected 1..255");
        }
        if (hostPort == null || !PORT.matcher(hostPort).matches()) {
            throw new IllegalArgumentException("USB host port '" + hostPort + "' is invalid; expected numbers joined by dots, e.g. 2 or 2.3");
        }
        return DeviceProps.of("usb-host")
                .with("id", UsbBus.checkId(id))
                .with("bus", UsbBus.XHCI_BUS)
                .with("hostbus", hostBus)
                .with("hostport", hostPort);
    }

    public static DeviceProps byIds(String id, int vendorId, int productId) {
        checkU16("vendor id", vendorId);
        checkU16("product id", productId);
        return DeviceProps.of("usb-host")
                .with("id", UsbBus.checkId(id))
                .with("bus", UsbBus.XHCI_BUS)
                .with("vendorid", vendorId)
                .with("productid", productId);
    }

    /** The device as it is plugged now: by its port, which names exactly this one even among identical twins. */
    public static DeviceProps forDevice(UsbDevice device) {
        Objects.requireNonNull(device, "device");
        return byPort(UsbBus.hostDeviceId(device.portPath()), device.bus(), device.hostPort());
    }

    private static void checkU16(String what, int v) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException("USB " + what + " " + v + " is out of range; expected 0x0000..0xffff");
        }
    }
}
