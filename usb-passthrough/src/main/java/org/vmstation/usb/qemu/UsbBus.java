package org.vmstation.usb.qemu;

import java.util.regex.Pattern;

/** Where VMStation plugs USB devices, and how their QEMU ids are formed. */
public final class UsbBus {
    /** The xHCI controller the argument builder always adds ({@code -device qemu-xhci,id=xhci}). */
    public static final String XHCI_BUS = "xhci.0";
    /** QEMU device ids: a letter, then letters, digits, '-', '.', '_'. */
    private static final Pattern QEMU_ID = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    private UsbBus() {}

    /** Checks a device id against QEMU's rules, naming the value and the rule when it fails. */
    public static String checkId(String id) {
        if (id == null || !QEMU_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("USB device id '" + id
                    + "' is invalid; expected a letter followed by up to 63 letters, digits, '.', '-' or '_'");
        }
        return id;
    }

    /** A stable id for a host device at a port: {@code usbhost-1-2.3} becomes {@code usbhost-1-2_3}. */
    public static String hostDeviceId(String portPath) {
        return checkId("usbhost-" + portPath.replace('.', '_'));
    }
}
