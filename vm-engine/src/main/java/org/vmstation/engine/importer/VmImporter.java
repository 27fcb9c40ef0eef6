package org.vmstation.engine.importer;

import java.nio.file.Path;

/**
 * Reads one kind of foreign VM description (OVF, .vmx, .vbox, ...) into an {@link ImportPlan}. Reading never
 * writes anything and never copies disk data: the plan says what an import would create.
 */
public interface VmImporter {
    /** A short human name of the format, e.g. "OVF", "VMware .vmx". */
    String formatName();

    /** Cheap check (extension and the first bytes) whether this importer understands the file. */
    boolean canRead(Path file);

    /** Parses and maps the file; every item that cannot be mapped exactly is reported as a warning. */
    ImportPlan read(Path file) throws ImportException;
}
