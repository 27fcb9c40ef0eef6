package org.vmstation.engine.model;

import java.util.List;
import java.util.Objects;

/**
 * The VM's network. {@code model} is the QEMU NIC device (virtio-net-pci, e1000e, ...);
 * {@code macAddress} null lets VMStation derive a stable one from the VM id.
 */
public record NetworkSpec(Mode mode, String model, String macAddress, List<PortForward> forwards) {
    public enum Mode { NAT, NONE }

    public NetworkSpec {
        Objects.requireNonNull(mode, "mode");
        model = model == null ? "virtio-net-pci" : model;
        forwards = forwards == null ? List.of() : List.copyOf(forwards);
    }

    public static NetworkSpec nat() { return new NetworkSpec(Mode.NAT, "virtio-net-pci", null, List.of()); }

    public static NetworkSpec none() { return new NetworkSpec(Mode.NONE, "virtio-net-pci", null, List.of()); }
}
