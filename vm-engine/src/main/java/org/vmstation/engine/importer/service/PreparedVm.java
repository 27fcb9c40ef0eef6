package org.vmstation.engine.importer.service;

import java.util.List;
import org.vmstation.engine.importer.ImportWarning;
import org.vmstation.engine.importer.ImportedVm;
import org.vmstation.engine.importer.SourceDisk;
import org.vmstation.engine.model.VmDefinition;

/**
 * One VM as it will be created: the final definition (unique name, resources that fit this host, disk paths
 * naming the converted files inside the VM's folder) with the disks to copy into it.
 *
 * @param source     what the importer read
 * @param definition what will be stored in the library
 * @param disks      the source disks to convert, in the order of {@code definition.disks()}
 * @param warnings   the importer's warnings plus what the import itself changes (name, resources, dropped disks)
 * @param bytesToRead source bytes the disk conversions will read
 */
public record PreparedVm(ImportedVm source, VmDefinition definition, List<SourceDisk> disks, List<ImportWarning> warnings,
                         long bytesToRead) {
    public PreparedVm {
        disks = List.copyOf(disks);
        warnings = List.copyOf(warnings);
    }
}
