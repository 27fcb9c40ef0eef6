package org.vmstation.app.gui.usb;

import org.vmstation.usb.service.HostDeviceState;

/**
 * One host USB device as the USB section shows it for the selected VM. Plain data; the view binds nothing
 * but these fields.
 *
 * @param name          the device's name for people
 * @param detail        ids, speed and port, in small print
 * @param status        where the device is: available, in this VM, in another VM, no permission
 * @param action        what the button does for the selected VM
 * @param actionEnabled whether the button can be pressed now
 * @param why           the tooltip: what the button does, or why it cannot
 * @param remembered    whether the selected VM has a rule that connects this device at every start
 * @param problem       the last attach failure (with the permission fix), or empty
 */
public record UsbDeviceRow(HostDeviceState state, String name, String detail, String status, Action action,
                           boolean actionEnabled, String why, boolean remembered, String problem) {
    public enum Action {
        CONNECT("Connect"), DISCONNECT("Disconnect");

        private final String label;

        Action(String label) { this.label = label; }

        public String label() { return label; }
    }

    public boolean connectedHere() { return action == Action.DISCONNECT; }

    public boolean hasProblem() { return problem != null && !problem.isEmpty(); }
}
