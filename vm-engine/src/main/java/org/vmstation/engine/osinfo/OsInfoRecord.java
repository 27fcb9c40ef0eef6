package org.vmstation.engine.osinfo;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code <os>} element as written in its file, before inheritance is resolved: the reader fills it, the
 * database turns it into an {@link OsInfoEntry}. Resource blocks are kept per architecture so the x86_64 block
 * wins over the "all" block field by field.
 */
final class OsInfoRecord {
    final Path source;
    String id;
    final List<String> shortIds = new ArrayList<>();
    String name;
    String vendor;
    String family;
    String distro;
    String version;
    LocalDate releaseDate;
    LocalDate eolDate;
    String releaseStatus;
    String derivesFrom;
    String clones;
    OsResources minimumX86 = OsResources.NONE;
    OsResources minimumAll = OsResources.NONE;
    OsResources recommendedX86 = OsResources.NONE;
    OsResources recommendedAll = OsResources.NONE;
    /** Firmware type (efi, bios) to whether it is supported, for x86_64 or all architectures. */
    final Map<String, Boolean> firmware = new LinkedHashMap<>();
    /** Device URI to whether it is supported (false removes an inherited device). */
    final Map<String, Boolean> devices = new LinkedHashMap<>();
    final List<IsoMedia> media = new ArrayList<>();
    /** Parts of the file that were skipped (an expression Java cannot compile), for the database's problem list. */
    final List<String> warnings = new ArrayList<>();

    OsInfoRecord(Path source) { this.source = source; }

    /** The parent whose values this OS inherits: the OS it derives from, else the one it clones. */
    String parent() { return derivesFrom != null ? derivesFrom : clones; }

    OsResources minimum() { return minimumX86.orElse(minimumAll); }

    OsResources recommended() { return recommendedX86.orElse(recommendedAll); }
}
