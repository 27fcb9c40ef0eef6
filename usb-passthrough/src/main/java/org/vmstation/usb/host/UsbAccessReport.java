package org.vmstation.usb.host;

import java.util.List;

/**
 * Whether this user can open a device, and if not, exactly why and what fixes it.
 *
 * @param accessible true when the device node can be opened for reading and writing
 * @param devNode    the node that was checked, e.g. {@code /dev/bus/usb/001/004}
 * @param reason     one sentence; for an accessible device, how access is granted
 * @param fixes      concrete steps, most specific first (empty when accessible)
 * @param udevRule   the udev rule line that grants access to exactly this vendor/product
 */
public record UsbAccessReport(boolean accessible, String devNode, String reason, List<String> fixes, String udevRule) {
    public UsbAccessReport {
        fixes = List.copyOf(fixes);
    }

    /** The reason and fixes as one message for a dialog or the CLI. */
    public String describe() {
        if (accessible) return reason;
        StringBuilder sb = new StringBuilder(reason);
        for (String fix : fixes) sb.append("\n  - ").append(fix);
        return sb.toString();
    }
}
