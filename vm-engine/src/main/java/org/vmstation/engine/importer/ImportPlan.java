package org.vmstation.engine.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What importing one file would create: one or more VMs (an OVF VirtualSystemCollection holds several),
 * with the disks to copy and a report of everything not mapped exactly. Nothing has been written yet.
 *
 * @param source        the file that was read
 * @param format        the format's human name (see {@link VmImporter#formatName()})
 * @param vms           the VMs, at least one
 * @param warnings      file-level notes that concern no single VM (e.g. manifest results)
 * @param verifiedFiles files whose manifest digest was checked and matched
 */
public record ImportPlan(Path source, String format, List<ImportedVm> vms, List<ImportWarning> warnings,
                         List<String> verifiedFiles) {
    public ImportPlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        vms = List.copyOf(vms);
        if (vms.isEmpty()) throw new IllegalArgumentException("an import plan holds at least one VM");
        warnings = List.copyOf(warnings);
        verifiedFiles = List.copyOf(verifiedFiles);
    }

    public static ImportPlan of(Path source, String format, ImportedVm vm) {
        return new ImportPlan(source, format, List.of(vm), List.of(), List.of());
    }
}
