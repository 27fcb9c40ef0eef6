package org.vmstation.engine.runtime;

import org.vmstation.engine.qemu.QemuCapabilities;

/** What a device backend may know about the VM it serves. */
public record BackendContext(String vmId, VmRuntimePaths paths, QemuCapabilities capabilities) {}
