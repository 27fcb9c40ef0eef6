package org.vmstation.engine.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vmstation.engine.importer.image.DiskImageImporter;
import org.vmstation.engine.importer.image.IsoImporter;
import org.vmstation.engine.importer.libvirt.LibvirtImporter;
import org.vmstation.engine.importer.ovf.OvfImporter;
import org.vmstation.engine.importer.parallels.ParallelsImporter;
import org.vmstation.engine.importer.quickemu.QuickemuImporter;
import org.vmstation.engine.importer.utm.UtmImporter;
import org.vmstation.engine.importer.vbox.VboxImporter;
import org.vmstation.engine.importer.vmware.VmxImporter;
import org.vmstation.engine.importer.xen.XenConfigImporter;

/**
 * Picks the importer for a dropped file or bundle folder. Importers are asked in order from the most
 * specific signature to the least (a raw disk image accepts almost anything, so it comes last); bundle
 * folders (.utm, .pvm, a VMware VM folder) are opened at their configuration file.
 */
public final class ImporterRegistry {
    private final List<VmImporter> importers;

    public ImporterRegistry(List<VmImporter> importers) { this.importers = List.copyOf(importers); }

    /** Every format VMStation reads. */
    public static ImporterRegistry standard() { return standard(false); }

    /** @param acceptManifestMismatch let OVF/OVA imports go on when a manifest digest does not match (the user said so) */
    public static ImporterRegistry standard(boolean acceptManifestMismatch) {
        return new ImporterRegistry(List.of(new OvfImporter(acceptManifestMismatch), new VmxImporter(), new VboxImporter(),
                new LibvirtImporter(), new ParallelsImporter(), new UtmImporter(), new QuickemuImporter(), new XenConfigImporter(),
                new IsoImporter(), new DiskImageImporter()));
    }

    public List<VmImporter> importers() { return importers; }

    /** The importer for a file, or empty when none recognises it. */
    public Optional<VmImporter> find(Path file) {
        for (VmImporter i : importers) if (i.canRead(file)) return Optional.of(i);
        return Optional.empty();
    }

    /** Reads a file or bundle folder with the importer that recognises it. */
    public ImportPlan read(Path fileOrBundle) throws ImportException {
        Path file = configurationOf(fileOrBundle);
        if (!Files.isRegularFile(file)) throw new ImportException(fileOrBundle, "does not exist or is not a file");
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".mf") || lower.endsWith(".cert")) {
            throw new ImportException(file, "is an OVF " + (lower.endsWith(".mf") ? "manifest" : "certificate")
                    + ", not a VM; import the .ovf or .ova it belongs to (its digests are checked then)");
        }
        VmImporter importer = find(file).orElseThrow(() -> new ImportException(file,
                "is not a format VMStation imports (expected OVF/OVA, .vmx, .vbox, libvirt XML, Xen config, .pvs, UTM config.plist, "
                        + "Quickemu .conf, a disk image or an ISO)"));
        return importer.read(file);
    }

    /** A bundle folder's configuration file; a plain file is returned as it is. */
    public static Path configurationOf(Path path) throws ImportException {
        if (!Files.isDirectory(path)) return path;
        String n = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Path> candidates = new ArrayList<>();
        if (n.endsWith(".utm")) candidates.add(path.resolve("config.plist"));
        if (n.endsWith(".pvm")) candidates.add(path.resolve("config.pvs"));
        try (var s = Files.list(path)) {
            for (Path p : s.sorted().toList()) {
                String f = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (f.endsWith(".vmx") || f.endsWith(".vbox") || f.endsWith(".ovf") || f.equals("config.pvs") || f.equals("config.plist")) {
                    candidates.add(p);
                }
            }
        } catch (java.io.IOException e) {
            throw new ImportException(path, "folder cannot be listed: " + e.getMessage(), e);
        }
        for (Path c : candidates) if (Files.isRegularFile(c)) return c;
        throw new ImportException(path, "folder holds no VM configuration (.vmx, .vbox, .ovf, config.pvs or config.plist)");
    }
}
