package org.vmstation.usb.service;

import org.vmstation.usb.host.UsbAccessReport;
import org.vmstation.usb.host.UsbDevice;

/**
 * A host device as the USB menu shows it.
 *
 * @param state   free, in a VM ({@code vmId} says which), or not accessible ({@code access} says why and how to fix it)
 * @param vmId    the running VM that holds it, or null
 * @param access  the permission diagnosis
 * @param problem the last attach failure for this device, or null
 */
public record HostDeviceState(UsbDevice device, State state, String vmId, UsbAccessReport access, String problem) {
    public enum State { FREE, IN_VM, NOT_ACCESSIBLE }

    public boolean inVm(String id) { return state == State.IN_VM && id.equals(vmId); }
}
