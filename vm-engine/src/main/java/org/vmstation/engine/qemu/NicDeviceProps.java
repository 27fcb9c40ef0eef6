package org.vmstation.engine.qemu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** The guest's network card and its MAC address. */
public final class NicDeviceProps {
    private NicDeviceProps() {}

    /**
     * @param model     the QEMU NIC device, e.g. {@code virtio-net-pci} or {@code e1000e}
     * @param netdevId  the host back-end it is wired to
     * @param mac       the MAC address
     * @param bootIndex the position in the firmware's boot order (PXE), or null
     */
    public static DeviceProps build(String model, String id, String netdevId, String mac, Integer bootIndex) {
        return DeviceProps.of(model).with("netdev", netdevId).with("mac", mac.toLowerCase(Locale.ROOT)).with("id", id)
                .with("bootindex", bootIndex);
    }

    /**
     * A MAC in QEMU's locally administered 52:54:00 range derived from the VM id, so a VM keeps its address
     * (and its DHCP lease, and the guest's idea of which card is eth0) from one start to the next.
     */
    public static String stableMac(String vmId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(vmId.getBytes(StandardCharsets.UTF_8));
            return String.format("52:54:00:%02x:%02x:%02x", h[0] & 0xff, h[1] & 0xff, h[2] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
