package org.vmstation.graphics.gl;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A DRM render node of the host ({@code /dev/dri/renderD128}) and the kernel driver behind it.
 *
 * @param driver the driver's name (i915, amdgpu, nouveau, virtio_gpu, ...), or "unknown driver" when sysfs does not say
 */
public record RenderNode(Path device, String driver) {
    public RenderNode {
        Objects.requireNonNull(device, "device");
        driver = driver == null || driver.isBlank() ? "unknown driver" : driver;
    }

    @Override
    public String toString() { return device + " (" + driver + ")"; }
}
