package org.vmstation.engine.export;

import java.nio.file.Path;
import java.util.List;

/**
 * A written OVA.
 *
 * @param ova   the archive
 * @param bytes its size
 * @param notes what OVF could not carry (USB disks placed on SATA, ISO images not packed, port forwards...), as sentences
 */
public record ExportResult(Path ova, long bytes, List<String> notes) {
    public ExportResult {
        notes = List.copyOf(notes);
    }
}
