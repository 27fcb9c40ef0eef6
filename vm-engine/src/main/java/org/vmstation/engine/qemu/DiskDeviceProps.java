package org.vmstation.engine.qemu;

import org.vmstation.engine.model.DiskBus;

/** The guest-visible device of one hard disk, by bus. */
public final class DiskDeviceProps {
    private DiskDeviceProps() {}

    /**
     * @param bus       how the guest sees the disk
     * @param id        the device id, e.g. {@code disk0}
     * @param node      the block node the device reads, e.g. {@code disk0}
     * @param slot      where it plugs in: the IDE/AHCI bus and unit, the SCSI target, or null where the bus needs none
     * @param bootIndex the position in the firmware's boot order, or null
     */
    public static DeviceProps build(DiskBus bus, String id, String node, BusSlot slot, Integer bootIndex) {
        DeviceProps p = switch (bus) {
            case VIRTIO -> DeviceProps.of("virtio-blk-pci");
            case SATA, IDE -> slot.applyTo(DeviceProps.of("ide-hd"));
            case SCSI -> slot.applyTo(DeviceProps.of("scsi-hd"));
            // NVMe needs a serial number; the device id is unique within the VM, which is all the guest needs.
            case NVME -> DeviceProps.of("nvme").with("serial", id);
            case USB -> slot.applyTo(DeviceProps.of("usb-storage"));
        };
        return p.with("drive", node).with("id", id).with("bootindex", bootIndex);
    }
}
