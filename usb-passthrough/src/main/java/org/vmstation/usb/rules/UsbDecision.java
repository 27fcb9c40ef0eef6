package org.vmstation.usb.rules;

import org.vmstation.usb.host.UsbDevice;

/** What the rule engine wants done: attach {@code device} to VM {@code vmId}, or detach it. */
public record UsbDecision(Action action, String vmId, UsbDevice device, String reason) {
    public enum Action { ATTACH, DETACH }

    public static UsbDecision attach(String vmId, UsbDevice d, String reason) { return new UsbDecision(Action.ATTACH, vmId, d, reason); }

    public static UsbDecision detach(String vmId, UsbDevice d, String reason) { return new UsbDecision(Action.DETACH, vmId, d, reason); }

    @Override
    public String toString() { return action + " " + device.portPath() + " (" + device.ids() + ") " + (action == Action.ATTACH ? "to " : "from ") + vmId; }
}
