package org.vmstation.engine.importer.ovf;

import java.nio.file.Path;
import org.vmstation.engine.importer.ArchiveMember;
import org.vmstation.engine.importer.DiskProbe;

/** Where an OVF's {@code File ovf:href} lives: next to the descriptor in a folder, or inside an OVA. */
interface PackageFiles {
    /**
     * @param file    the file on disk (folder packages), or null
     * @param member  the archive member (OVA), or null
     * @param probe   what the data's header says, or null when absent or unreadable
     * @param problem why the href could not be followed (outside the package...), or null
     */
    record Located(Path file, ArchiveMember member, DiskProbe.Probe probe, String problem) {
        boolean present() { return probe != null; }
    }

    Located locate(String href);

    /** A display form of an href for reports and ISO paths. */
    String describe(String href);
}
