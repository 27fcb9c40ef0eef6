package org.vmstation.engine.importer;

import java.util.List;
import java.util.Objects;
import org.vmstation.engine.model.VmDefinition;

/**
 * One VM of an import plan.
 *
 * @param definition the mapped definition (fresh id; disk paths point at the sources, see {@link SourceDisk})
 * @param disks      the hard disks to copy or convert, one per entry of {@code definition.disks()}, same order
 * @param nics       every network adapter the source had (the definition carries the first one)
 * @param details    what the source said beyond the definition
 * @param warnings   everything changed or dropped, by name
 */
public record ImportedVm(VmDefinition definition, List<SourceDisk> disks, List<ImportedNic> nics, VmDetails details,
                         List<ImportWarning> warnings) {
    public ImportedVm {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(details, "details");
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
        warnings = List.copyOf(warnings);
    }
}
