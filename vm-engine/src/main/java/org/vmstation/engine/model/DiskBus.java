package org.vmstation.engine.model;

/** How a disk or CD-ROM is attached to the guest. */
public enum DiskBus { VIRTIO, SATA, IDE, SCSI, NVME, USB }
