package org.vmstation.engine.importer.service;

import java.util.ArrayList;
import java.util.List;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportWarning;

/**
 * What an import will create, shown before anything is written (the preview dialog, {@code --dry-run}).
 *
 * @param plan     what the importer read
 * @param vms      the VMs to create
 * @param warnings the plan's file-level warnings
 */
public record ImportPreview(ImportPlan plan, List<PreparedVm> vms, List<ImportWarning> warnings) {
    public ImportPreview {
        vms = List.copyOf(vms);
        warnings = List.copyOf(warnings);
    }

    public long bytesToRead() { return vms.stream().mapToLong(PreparedVm::bytesToRead).sum(); }

    /** Every warning: the file's, then each VM's. */
    public List<ImportWarning> allWarnings() {
        List<ImportWarning> all = new ArrayList<>(warnings);
        for (PreparedVm vm : vms) all.addAll(vm.warnings());
        return all;
    }
}
