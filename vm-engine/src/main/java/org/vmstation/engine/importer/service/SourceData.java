package org.vmstation.engine.importer.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.vmstation.engine.importer.SourceDisk;
import org.vmstation.engine.model.DiskFormat;

/**
 * Finds the bytes of a {@link SourceDisk}: the file (and its VMDK extents) or the archive window, the qemu driver
 * that reads them, and how many bytes a conversion will read. Parallels disks are recorded as raw by the
 * importer but carry their own header, which qemu reads with its {@code parallels} driver; a Parallels
 * {@code .hdd} bundle folder holds the image as a {@code .hds} file.
 */
final class SourceData {
    private static final String PARALLELS_MAGIC = "WithoutFreeSpace";
    private static final String PARALLELS_MAGIC_EXT = "WithouFreSpacExt";

    private SourceData() {}

    /** The located data, or empty with {@code why} filled when it is missing. */
    record Located(ImageSource source, long bytes) {}

    static Optional<Located> locate(SourceDisk disk, StringBuilder why) throws IOException {
        if (disk.member() != null) {
            var m = disk.member();
            if (!disk.present() || m.dataOffset() < 0 || m.size() < 0) {
                why.append("'").append(m.entryName()).append("' is not in the archive ").append(m.archive());
                return Optional.empty();
            }
            if (!Files.isRegularFile(m.archive())) {
                why.append("the archive ").append(m.archive()).append(" is gone");
                return Optional.empty();
            }
            long archiveLength = Files.size(m.archive());
            if (m.dataOffset() + m.size() > archiveLength) {
                why.append("'").append(m.entryName()).append("' runs past the end of ").append(m.archive()).append(" (truncated archive)");
                return Optional.empty();
            }
            return Optional.of(new Located(new ImageSource(driver(disk.format(), null), m.archive(), m.dataOffset(), m.size()), m.size()));
        }
        Path file = disk.file();
        if (Files.isDirectory(file)) {
            Optional<Path> hds = parallelsImage(file);
            if (hds.isEmpty()) {
                why.append(file).append(" is a folder without a Parallels .hds image in it");
                return Optional.empty();
            }
            file = hds.get();
        }
        if (!Files.isRegularFile(file)) {
            why.append(file).append(" was not found");
            return Optional.empty();
        }
        long bytes = Files.size(file);
        for (Path extent : disk.extents()) {
            if (!Files.isRegularFile(extent)) {
                why.append("VMDK extent ").append(extent).append(" named by ").append(file.getFileName()).append(" was not found");
                return Optional.empty();
            }
            bytes += Files.size(extent);
        }
        return Optional.of(new Located(ImageSource.file(driver(disk.format(), file), file), bytes));
    }

    /** qemu's format driver: the recorded format, except that a raw-looking Parallels image gets its own driver. */
    static String driver(DiskFormat format, Path file) throws IOException {
        if (format == DiskFormat.RAW && file != null && isParallels(file)) return "parallels";
        return format.qemuName();
    }

    static boolean isParallels(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String magic = new String(in.readNBytes(16), StandardCharsets.ISO_8859_1);
            return magic.equals(PARALLELS_MAGIC) || magic.equals(PARALLELS_MAGIC_EXT);
        }
    }

    private static Optional<Path> parallelsImage(Path bundle) throws IOException {
        try (Stream<Path> s = Files.list(bundle)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".hds") && Files.isRegularFile(p))
                    .sorted().findFirst();
        }
    }
}
