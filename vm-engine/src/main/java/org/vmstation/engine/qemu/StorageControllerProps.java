package org.vmstation.engine.qemu;

/** Disk controllers that are not built into the machine: virtio-scsi, and AHCI on the i440fx machine. */
public final class StorageControllerProps {
    public static final String SCSI_ID = "scsi0";
    public static final String SCSI_BUS = SCSI_ID + ".0";
    public static final String AHCI_ID = "sata0";

    private StorageControllerProps() {}

    public static DeviceProps virtioScsi() { return DeviceProps.of("virtio-scsi-pci").with("id", SCSI_ID); }

    public static DeviceProps ahci() { return DeviceProps.of("ich9-ahci").with("id", AHCI_ID); }
}
