package org.vmstation.engine.importer.service;

import java.util.List;
import org.vmstation.engine.importer.ImportWarning;
import org.vmstation.engine.library.VmEntry;

/** The VMs an import added to the library, and every warning it carried (nothing is dropped silently). */
public record ImportResult(List<VmEntry> created, List<ImportWarning> warnings) {
    public ImportResult {
        created = List.copyOf(created);
        warnings = List.copyOf(warnings);
    }
}
