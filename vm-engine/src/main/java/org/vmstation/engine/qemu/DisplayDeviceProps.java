package org.vmstation.engine.qemu;

import org.vmstation.engine.model.DisplaySpec;

/** The guest's display adapter. */
public final class DisplayDeviceProps {
    public static final String ID = "video0";

    private DisplayDeviceProps() {}

    /** The adapter's device, or null for a VM without a display. */
    public static DeviceProps build(DisplaySpec.Adapter adapter) {
        if (adapter.qemuDevice() == null) return null;
        return DeviceProps.of(adapter.qemuDevice()).with("id", ID);
    }
}
