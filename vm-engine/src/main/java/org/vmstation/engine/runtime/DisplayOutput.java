package org.vmstation.engine.runtime;

import java.util.Objects;
import org.vmstation.engine.qemu.DeviceProps;

/**
 * The guest's display adapter and QEMU's own {@code -display} output, when a device backend decides them
 * instead of the VM's {@code DisplaySpec} (3-D acceleration: {@code virtio-vga-gl} with {@code egl-headless}
 * or {@code gtk,gl=on}).
 *
 * @param adapter the adapter device (its id should be {@code DisplayDeviceProps.ID} so hot-plug code finds it)
 * @param display the value of {@code -display}, e.g. {@code egl-headless} or {@code gtk,gl=on}
 */
public record DisplayOutput(DeviceProps adapter, String display) {
    public DisplayOutput {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(display, "display");
        if (display.isBlank()) throw new IllegalArgumentException("display must name a QEMU -display type, e.g. egl-headless");
    }
}
