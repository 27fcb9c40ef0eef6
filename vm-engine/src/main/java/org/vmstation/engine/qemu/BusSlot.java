package org.vmstation.engine.qemu;

/**
 * Where a device plugs into a bus that has addresses: {@code bus=ide.2}, {@code bus=ide.0,unit=1} or
 * {@code bus=scsi0.0,scsi-id=3}. Null fields are left out so QEMU picks.
 */
public record BusSlot(String bus, Integer unit, Integer scsiId) {
    public static BusSlot bus(String bus) { return new BusSlot(bus, null, null); }

    public static BusSlot ideUnit(String bus, int unit) { return new BusSlot(bus, unit, null); }

    public static BusSlot scsi(String bus, int target) { return new BusSlot(bus, null, target); }

    DeviceProps applyTo(DeviceProps device) {
        device.with("bus", bus);
        if (scsiId != null) device.with("channel", 0).with("scsi-id", scsiId).with("lun", 0);
        return device.with("unit", unit);
    }
}
