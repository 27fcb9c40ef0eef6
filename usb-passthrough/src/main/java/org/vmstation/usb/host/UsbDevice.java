package org.vmstation.usb.host;

import java.util.List;
import java.util.Objects;

/**
 * One USB device plugged into this computer, as the host OS sees it.
 *
 * @param portPath     the stable location name, e.g. {@code 1-2.3} (bus 1, port 2, then port 3 of a hub);
 *                     the same physical socket keeps the same path across replugs
 * @param bus          bus number ({@code busnum})
 * @param address      device address on the bus ({@code devnum}); changes on every replug
 * @param vendorId     idVendor, 0..0xffff
 * @param productId    idProduct, 0..0xffff
 * @param manufacturer the device's own manufacturer string, or null
 * @param product      the device's own product string, or null
 * @param vendorName   the vendor's name from the USB ID database, or null
 * @param productName  the product's name from the USB ID database, or null
 * @param serial       the serial number string, or null when the device has none
 * @param speed        link speed
 * @param deviceClass  bDeviceClass (0 = defined per interface)
 * @param interfaceClasses bInterfaceClass of each interface of the active configuration
 * @param drivers      host drivers bound to the interfaces (e.g. {@code usb-storage}), empty when none
 */
public record UsbDevice(
        String portPath,
        int bus,
        int address,
        int vendorId,
        int productId,
        String manufacturer,
        String product,
        String vendorName,
        String productName,
        String serial,
        UsbSpeed speed,
        int deviceClass,
        List<Integer> interfaceClasses,
        List<String> drivers) {

    public UsbDevice {
        Objects.requireNonNull(portPath, "portPath");
        if (vendorId < 0 || vendorId > 0xffff) throw new IllegalArgumentException("vendorId out of range: " + vendorId);
        if (productId < 0 || productId > 0xffff) throw new IllegalArgumentException("productId out of range: " + productId);
        speed = speed == null ? UsbSpeed.UNKNOWN : speed;
        interfaceClasses = interfaceClasses == null ? List.of() : List.copyOf(interfaceClasses);
        drivers = drivers == null ? List.of() : List.copyOf(drivers);
    }

    /** {@code 046d:c52b}. */
    public String ids() { return UsbIds.hex4(vendorId) + ":" + UsbIds.hex4(productId); }

    /** The port part of {@link #portPath()} ({@code 2.3} for {@code 1-2.3}), as QEMU's {@code hostport} wants it. */
    public String hostPort() {
        int dash = portPath.indexOf('-');
        return dash < 0 ? "" : portPath.substring(dash + 1);
    }

    /** The character device libusb and QEMU open: {@code /dev/bus/usb/BBB/DDD}. */
    public String devNode() { return String.format("/dev/bus/usb/%03d/%03d", bus, address); }

    /** The best name for people: the device's own strings, else the database's, else the ids. */
    public String displayName() {
        String vendor = manufacturer != null && !manufacturer.isBlank() ? manufacturer : vendorName;
        String prod = product != null && !product.isBlank() ? product : productName;
        if (vendor == null && prod == null) return "USB device " + ids();
        if (prod == null) return vendor + " device " + ids();
        return vendor == null || prod.startsWith(vendor) ? prod : vendor + " " + prod;
    }

    /** Whether the same physical device: same ids, same serial (when it has one) and, without serial, same port. */
    public boolean sameDeviceAs(UsbDevice other) {
        if (vendorId != other.vendorId || productId != other.productId) return false;
        if (serial != null && other.serial != null) return serial.equals(other.serial);
        return portPath.equals(other.portPath);
    }
}
