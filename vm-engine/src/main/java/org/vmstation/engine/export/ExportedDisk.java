package org.vmstation.engine.export;

import org.vmstation.engine.model.DiskBus;

/**
 * A disk as the descriptor describes it.
 *
 * @param fileName      the member name of the streamOptimized VMDK in the OVA
 * @param fileSize      the VMDK's size in bytes
 * @param capacityBytes the guest-visible size
 * @param bus           how the guest sees it
 */
record ExportedDisk(String fileName, long fileSize, long capacityBytes, DiskBus bus) {}
