package org.vmstation.usb.qemu;

import java.nio.file.Path;
import java.util.Objects;
import org.vmstation.engine.qemu.DeviceProps;
import org.vmstation.engine.qemu.QemuOptions;

/**
 * QEMU's own USB device models, which need no host hardware. Each returns the {@link DeviceProps} used
 * both on the command line and for hot-plug; devices that need a backend (drive, chardev) also name it.
 */
public final class EmulatedUsbDevices {
    private EmulatedUsbDevices() {}

    public static DeviceProps tablet(String id) {
        return DeviceProps.of("usb-tablet").with("id", UsbBus.checkId(id)).with("bus", UsbBus.XHCI_BUS);
    }

    public static DeviceProps keyboard(String id) {
        return DeviceProps.of("usb-kbd").with("id", UsbBus.checkId(id)).with("bus", UsbBus.XHCI_BUS);
    }

    /** A USB stick backed by {@code driveId}; see {@link #storageDrive} for the matching {@code -drive}. */
    public static DeviceProps storage(String id, String driveId, boolean removable) {
        return DeviceProps.of("usb-storage").with("id", UsbBus.checkId(id)).with("bus", UsbBus.XHCI_BUS)
                .with("drive", UsbBus.checkId(driveId)).with("removable", removable);
    }

    /** The {@code -drive} value for {@link #storage}: a raw image, not attached to any controller by itself. */
    public static String storageDrive(String driveId, Path image, boolean readOnly) {
        Objects.requireNonNull(image, "image");
        return "if=none,id=" + UsbBus.checkId(driveId) + ",format=raw,file=" + QemuOptions.escape(image.toString())
                + (readOnly ? ",readonly=on" : "");
    }

    /** An FTDI-style USB serial adapter connected to the chardev {@code chardevId}. */
    public static DeviceProps serial(String id, String chardevId) {
        return DeviceProps.of("usb-serial").with("id", UsbBus.checkId(id)).with("bus", UsbBus.XHCI_BUS)
                .with("chardev", UsbBus.checkId(chardevId));
    }
}
