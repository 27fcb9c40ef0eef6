package org.vmstation.engine.importer.ovf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.vmstation.engine.importer.ArchiveMember;
import org.vmstation.engine.importer.ImportException;

/**
 * An OVA: a tar (ustar, pax or GNU headers) holding the descriptor, an optional manifest and the disks.
 * Every member name is checked before anything is used: no absolute paths, no {@code ..}, no links or
 * devices, and every member must lie inside the archive's bytes (a header claiming gigabytes in a small file
 * is a truncated or hostile archive). Members are located by offset so disks can later be read in place.
 */
final class OvaArchive implements AutoCloseable {
    /** More members than any real OVA has; guards against archives of millions of tiny headers. */
    static final int MAX_MEMBERS = 4096;

    private final Path archive;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> members = new LinkedHashMap<>();

    private OvaArchive(Path archive, TarFile tar) {
        this.archive = archive;
        this.tar = tar;
    }

    static OvaArchive open(Path archive) throws ImportException {
        TarFile tar;
        long length;
        try {
            length = Files.size(archive);
            tar = new TarFile(archive);
        } catch (IOException e) {
            throw new ImportException(archive, "is not a readable tar archive (an OVA is a tar file): " + e.getMessage(), e);
        }
        OvaArchive ova = new OvaArchive(archive, tar);
        try {
            List<TarArchiveEntry> entries = tar.getEntries();
            if (entries.size() > MAX_MEMBERS) {
                throw new ImportException(archive, "holds " + entries.size() + " members; an OVA holds a descriptor, a manifest and disks (at most "
                        + MAX_MEMBERS + " accepted)");
            }
            for (TarArchiveEntry e : entries) ova.admit(e, length);
            if (ova.members.isEmpty()) throw new ImportException(archive, "is an empty tar archive; expected an .ovf descriptor inside");
            return ova;
        } catch (ImportException e) {
            ova.close();
            throw e;
        }
    }

    private void admit(TarArchiveEntry e, long archiveLength) throws ImportException {
        String name = e.getName();
        if (e.isDirectory()) return;
        if (e.isSymbolicLink() || e.isLink()) {
            throw new ImportException(archive, "member '" + name + "' is a link (to '" + e.getLinkName() + "'); OVA members must be plain files");
        }
        if (!e.isFile()) throw new ImportException(archive, "member '" + name + "' is not a plain file (a device or special file); refused");
        checkName(name);
        long end = e.getDataOffset() + e.getSize();
        if (e.getSize() < 0 || e.getDataOffset() < 0 || end > archiveLength || end < 0) {
            throw new ImportException(archive, "member '" + name + "' claims " + e.getSize() + " bytes at offset " + e.getDataOffset()
                    + ", past the archive's end (" + archiveLength + " bytes): the archive is truncated or corrupt");
        }
        String key = name.startsWith("./") ? name.substring(2) : name;
        if (members.put(key, e) != null) throw new ImportException(archive, "member '" + name + "' appears twice; refused as ambiguous");
    }

    private void checkName(String name) throws ImportException {
        String n = name.replace('\\', '/');
        if (n.isEmpty() || n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            throw new ImportException(archive, "member '" + name + "' has an absolute path; OVA members must be relative names");
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) throw new ImportException(archive, "member '" + name + "' climbs out of the archive with '..'; refused");
        }
        for (char c : n.toCharArray()) {
            if (c < 0x20) throw new ImportException(archive, "member name '" + name.replaceAll("\\p{Cntrl}", "?") + "' contains control characters; refused");
        }
    }

    Path path() { return archive; }

    List<String> names() { return new ArrayList<>(members.keySet()); }

    boolean contains(String name) { return members.containsKey(normalize(name)); }

    ArchiveMember member(String name) {
        TarArchiveEntry e = members.get(normalize(name));
        return e == null ? null : new ArchiveMember(archive, e.getName(), e.getDataOffset(), e.getSize());
    }

    long size(String name) {
        TarArchiveEntry e = members.get(normalize(name));
        return e == null ? -1 : e.getSize();
    }

    InputStream open(String name) throws IOException {
        TarArchiveEntry e = members.get(normalize(name));
        if (e == null) throw new IOException("no member " + name);
        return tar.getInputStream(e);
    }

    private static String normalize(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException ignored) {
            // read-only handle: nothing to flush
        }
    }
}
