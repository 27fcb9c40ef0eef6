package org.vmstation.engine.importer;

import java.nio.file.Path;
import java.util.List;
import org.vmstation.engine.model.DiskFormat;

/**
 * A hard disk an import has to copy or convert. The disk at index {@code diskIndex} of the plan's
 * {@link org.vmstation.engine.model.VmDefinition#disks()} points at this source until the import service
 * rewrites it to {@code targetFileName} inside the new VM's folder.
 *
 * @param diskIndex      index into the definition's disks
 * @param file           the source image file (for VMDK: the descriptor); null when the disk lives in an archive
 * @param member         where the image lives inside an archive, or null for a plain file
 * @param format         the image format, detected from magic bytes when the file was readable, else as declared
 * @param formatDetail   finer detail such as "streamOptimized" or "monolithicSparse"; empty when unknown
 * @param capacityBytes  the guest-visible size, or -1 when the source does not say
 * @param targetFileName a file name unique within the VM, e.g. {@code disk1.qcow2}
 * @param present        whether the source data was found when the plan was made
 * @param extents        for VMDK descriptors: the extent files the descriptor names, resolved
 */
public record SourceDisk(int diskIndex, Path file, ArchiveMember member, DiskFormat format, String formatDetail,
                         long capacityBytes, String targetFileName, boolean present, List<Path> extents) {
    public SourceDisk {
        if ((file == null) == (member == null)) {
            throw new IllegalArgumentException("a source disk is either a file or an archive member, not both or neither");
        }
        formatDetail = formatDetail == null ? "" : formatDetail;
        extents = extents == null ? List.of() : List.copyOf(extents);
    }

    /** What the plan's definition holds as this disk's path until the disk is copied. */
    public String sourceDisplayPath() { return file != null ? file.toString() : member.displayPath(); }
}
