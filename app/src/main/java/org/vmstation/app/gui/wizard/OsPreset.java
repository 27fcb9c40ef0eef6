package org.vmstation.app.gui.wizard;

import java.util.List;
import org.vmstation.engine.model.Firmware;

/**
 * The defaults the wizard offers for one operating system.
 *
 * @param id       stored as the VM's {@code osType}
 * @param family   linux, windows, bsd or other: picks the icon
 * @param isoHints lower-case fragments of an installer ISO's file name that identify this OS
 */
public record OsPreset(String id, String label, String family, long memoryMiB, int cpus, int diskGiB, Firmware firmware,
                       List<String> isoHints) {
    public OsPreset {
        isoHints = isoHints == null ? List.of() : List.copyOf(isoHints);
    }

    @Override
    public String toString() { return label; }
}
