package org.vmstation.engine.importer.ovf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vmstation.engine.importer.DiskProbe;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportWarning;
import org.vmstation.engine.importer.ImportedVm;
import org.vmstation.engine.importer.VmImporter;
import org.vmstation.engine.importer.support.LimitedFiles;
import org.vmstation.engine.importer.support.SafeXml;
import org.vmstation.engine.importer.support.TextDecoding;
import org.w3c.dom.Document;

/**
 * OVF descriptors (.ovf with the disks beside it) and OVA archives. A manifest (.mf) is verified when present:
 * a digest that does not match refuses the import unless the caller chose to accept mismatches.
 */
public final class OvfImporter implements VmImporter {
    private final boolean acceptManifestMismatch;

    public OvfImporter() { this(false); }

    /** @param acceptManifestMismatch report digest mismatches as warnings instead of refusing (the user chose to continue) */
    public OvfImporter(boolean acceptManifestMismatch) { this.acceptManifestMismatch = acceptManifestMismatch; }

    @Override public String formatName() { return "OVF/OVA"; }

    @Override
    public boolean canRead(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".ova")) return true;
        String head = new String(LimitedFiles.head(file, 2048), StandardCharsets.ISO_8859_1);
        if (n.endsWith(".ovf")) return true;
        if (head.contains("Envelope") && (head.contains("schemas.dmtf.org/ovf/envelope") || head.contains("vmware.com/schema/ovf"))) return true;
        // an OVA without the extension: ustar magic at 257 and a first member ending in .ovf
        byte[] h = LimitedFiles.head(file, 512);
        return h.length == 512 && new String(h, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")
                && new String(h, 0, 100, StandardCharsets.ISO_8859_1).strip().replace("\0", "").toLowerCase(Locale.ROOT).endsWith(".ovf");
    }

    @Override
    public ImportPlan read(Path file) throws ImportException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] h = LimitedFiles.head(file, 512);
        boolean tar = h.length >= 262 && new String(h, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar");
        if (n.endsWith(".ova") || tar) return readOva(file);
        return readFolder(file);
    }

    private ImportPlan readFolder(Path descriptor) throws ImportException {
        Path dir = descriptor.toAbsolutePath().normalize().getParent();
        Document doc = SafeXml.parse(descriptor);
        PackageFiles files = new FolderFiles(dir);
        OvfDescriptorReader reader = new OvfDescriptorReader(descriptor, doc, files);
        List<ImportedVm> vms = reader.read();
        List<ImportWarning> warnings = new ArrayList<>(reader.fileWarnings());
        List<String> verified = new ArrayList<>();
        String stem = stem(descriptor.getFileName().toString());
        Path mf = dir.resolve(stem + ".mf");
        if (Files.isRegularFile(mf)) {
            Manifest manifest = Manifest.parse(mf, TextDecoding.decode(LimitedFiles.read(mf)));
            for (Manifest.Entry e : manifest.entries().values()) {
                Path target = dir.resolve(e.file()).normalize();
                if (!target.startsWith(dir) || e.file().startsWith("/")) {
                    throw new ImportException(mf, "lists '" + e.file() + "', which lies outside the package folder; refused");
                }
                if (!Files.isRegularFile(target)) {
                    warnings.add(ImportWarning.info("manifest", "the manifest lists '" + e.file() + "', which is not in the folder: not checked"));
                    continue;
                }
                try (InputStream in = Files.newInputStream(target)) {
                    check(mf, e, in, warnings, verified);
                } catch (IOException ex) {
                    throw new ImportException(target, "cannot be read to check its manifest digest: " + ex.getMessage(), ex);
                }
            }
        } else {
            warnings.add(ImportWarning.info("manifest", "no manifest (" + stem + ".mf) beside the descriptor: file integrity not checked"));
        }
        return new ImportPlan(descriptor, reader.formatName(), vms, warnings, verified);
    }

    private ImportPlan readOva(Path ova) throws ImportException {
        try (OvaArchive archive = OvaArchive.open(ova)) {
            List<String> names = archive.names();
            List<String> ovfs = names.stream().filter(x -> x.toLowerCase(Locale.ROOT).endsWith(".ovf")).toList();
            if (ovfs.isEmpty()) throw new ImportException(ova, "holds no .ovf descriptor (members: " + String.join(", ", names) + ")");
            List<ImportWarning> warnings = new ArrayList<>();
            String descriptorName = ovfs.getFirst();
            if (!names.getFirst().equals(descriptorName)) {
                warnings.add(ImportWarning.info("archive", "the descriptor '" + descriptorName + "' is not the first member, as OVF requires; read anyway"));
            }
            if (ovfs.size() > 1) warnings.add(ImportWarning.info("archive", "the archive holds " + ovfs.size() + " descriptors; '" + descriptorName + "' is used"));
            long size = archive.size(descriptorName);
            if (size > SafeXml.MAX_XML_BYTES) {
                throw new ImportException(ova, "descriptor '" + descriptorName + "' is " + size + " bytes; at most " + SafeXml.MAX_XML_BYTES + " expected");
            }
            byte[] bytes;
            try (InputStream in = archive.open(descriptorName)) {
                bytes = LimitedFiles.readAtMost(ova, in, SafeXml.MAX_XML_BYTES);
            } catch (IOException e) {
                throw new ImportException(ova, "descriptor '" + descriptorName + "' cannot be read: " + e.getMessage(), e);
            }
            Path descriptorPath = Path.of(ova + "!/" + descriptorName);
            Document doc = SafeXml.parse(descriptorPath, bytes);
            OvfDescriptorReader reader = new OvfDescriptorReader(descriptorPath, doc, new ArchiveFiles(archive));
            List<ImportedVm> vms = reader.read();
            warnings.addAll(reader.fileWarnings());
            List<String> verified = verifyArchiveManifest(archive, descriptorName, names, warnings);
            return new ImportPlan(ova, "OVA: " + reader.formatName(), vms, warnings, verified);
        }
    }

    private List<String> verifyArchiveManifest(OvaArchive archive, String descriptorName, List<String> names, List<ImportWarning> warnings)
            throws ImportException {
        List<String> verified = new ArrayList<>();
        String wanted = stem(descriptorName) + ".mf";
        String mfName = names.contains(wanted) ? wanted : names.stream().filter(x -> x.toLowerCase(Locale.ROOT).endsWith(".mf")).findFirst().orElse(null);
        if (names.stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).endsWith(".cert"))) {
            warnings.add(ImportWarning.info("manifest", "the archive is signed (.cert); the signature is not checked, the manifest digests are"));
        }
        if (mfName == null) {
            warnings.add(ImportWarning.info("manifest", "no manifest in the archive: file integrity not checked"));
            return verified;
        }
        Path mfPath = Path.of(archive.path() + "!/" + mfName);
        Manifest manifest;
        try (InputStream in = archive.open(mfName)) {
            manifest = Manifest.parse(mfPath, TextDecoding.decode(LimitedFiles.readAtMost(mfPath, in, 1024 * 1024)));
        } catch (IOException e) {
            throw new ImportException(mfPath, "cannot be read: " + e.getMessage(), e);
        }
        for (Manifest.Entry e : manifest.entries().values()) {
            if (!archive.contains(e.file())) {
                warnings.add(ImportWarning.info("manifest", "the manifest lists '" + e.file() + "', which is not in the archive: not checked"));
                continue;
            }
            try (InputStream in = archive.open(e.file())) {
                check(mfPath, e, in, warnings, verified);
            } catch (IOException ex) {
                throw new ImportException(archive.path(), "member '" + e.file() + "' cannot be read to check its digest: " + ex.getMessage(), ex);
            }
        }
        return verified;
    }

    private void check(Path mf, Manifest.Entry e, InputStream in, List<ImportWarning> warnings, List<String> verified)
            throws IOException, ImportException {
        MessageDigest md = e.newDigest();
        byte[] buf = new byte[1 << 16];
        for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
        if (e.matches(md.digest())) {
            verified.add(e.file());
        } else if (acceptManifestMismatch) {
            warnings.add(ImportWarning.info("manifest", "'" + e.file() + "' does not match its " + e.algorithm() + " digest in the manifest; imported because mismatches were accepted"));
        } else {
            throw new ImportException(mf, "'" + e.file() + "' does not match its " + e.algorithm()
                    + " digest in the manifest: the package is damaged or was altered");
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Files beside a descriptor; hrefs may not leave the folder. */
    private record FolderFiles(Path dir) implements PackageFiles {
        @Override
        public Located locate(String href) {
            String problem = outside(href);
            if (problem != null) return new Located(null, null, null, problem);
            Path p = dir.resolve(href).normalize();
            return new Located(p, null, Files.isRegularFile(p) ? DiskProbe.probe(p) : null, null);
        }

        @Override
        public String describe(String href) {
            return outside(href) == null ? dir.resolve(href).normalize().toString() : href;
        }

        private String outside(String href) {
            if (href.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) return "is a remote URL; VMStation does not download disks";
            Path p = dir.resolve(href.replace('\\', '/')).normalize();
            if (href.startsWith("/") || !p.startsWith(dir)) return "points outside the package folder; not followed";
            return null;
        }
    }

    /** Members of an OVA; the disk header is probed in place. */
    private record ArchiveFiles(OvaArchive archive) implements PackageFiles {
        @Override
        public Located locate(String href) {
            var member = archive.member(href);
            if (member == null) {
                return new Located(null, new org.vmstation.engine.importer.ArchiveMember(archive.path(), href, -1, -1), null, null);
            }
            try (InputStream in = archive.open(href)) {
                return new Located(null, member, DiskProbe.probe(in, member.size()), null);
            } catch (IOException e) {
                return new Located(null, member, null, null);
            }
        }

        @Override
        public String describe(String href) { return archive.path() + "!/" + href; }
    }
}
