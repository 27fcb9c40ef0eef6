package org.vmstation.engine.importer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file stored inside an archive (an OVA), located so that it can be read in place: the member's data
 * starts at {@code dataOffset} bytes into {@code archive} and runs for {@code size} bytes (tar stores
 * members uncompressed and contiguous).
 */
public record ArchiveMember(Path archive, String entryName, long dataOffset, long size) {
    public ArchiveMember {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(entryName, "entryName");
    }

    /** The pseudo path used in a plan's definition until the disk is copied: {@code /x/vm.ova!/disk1.vmdk}. */
    public String displayPath() { return archive + "!/" + entryName; }
}
