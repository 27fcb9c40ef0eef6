package org.vmstation.engine.importer.service;

/**
 * Choices the user made before importing.
 *
 * @param name              the new VM's name instead of the source's (the second VM of a multi-VM package gets " (2)"...),
 *                          or null to keep the source's names
 * @param dropMissingDisks  import VMs whose disk images are missing without those disks (reported as dropped);
 *                          otherwise a missing disk refuses the import
 */
public record ImportOptions(String name, boolean dropMissingDisks) {
    public ImportOptions {
        name = name == null || name.isBlank() ? null : name.strip();
    }

    public static ImportOptions defaults() { return new ImportOptions(null, false); }

    public ImportOptions withName(String newName) { return new ImportOptions(newName, dropMissingDisks); }
}
