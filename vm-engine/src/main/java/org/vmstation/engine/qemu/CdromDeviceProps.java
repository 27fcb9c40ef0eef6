package org.vmstation.engine.qemu;

import org.vmstation.engine.model.DiskBus;

/** The guest-visible device of one CD/DVD drive; a drive without a node is an empty tray. */
public final class CdromDeviceProps {
    private CdromDeviceProps() {}

    /** Whether a CD-ROM drive can be attached through {@code bus}. */
    public static boolean supports(DiskBus bus) {
        return bus == DiskBus.SATA || bus == DiskBus.IDE || bus == DiskBus.SCSI;
    }

    /**
     * @param node      the block node with the ISO image, or null for an empty drive
     * @param bootIndex the position in the firmware's boot order, or null
     */
    public static DeviceProps build(DiskBus bus, String id, String node, BusSlot slot, Integer bootIndex) {
        DeviceProps p = switch (bus) {
            case SATA, IDE -> slot.applyTo(DeviceProps.of("ide-cd"));
            case SCSI -> slot.applyTo(DeviceProps.of("scsi-cd"));
            default -> throw new IllegalArgumentException("a CD-ROM drive cannot use the " + bus + " bus (use SATA, IDE or SCSI)");
        };
        return p.with("drive", node).with("id", id).with("bootindex", bootIndex);
    }
}
