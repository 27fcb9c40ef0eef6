package org.vmstation.engine.importer.image;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.vmstation.engine.importer.DiskProbe;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.OsMapping;
import org.vmstation.engine.importer.VmImporter;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;

/** A bare disk image (qcow2, vmdk, vdi, vhd, vhdx, raw/img): a new VM is made around it. */
public final class DiskImageImporter implements VmImporter {
    private static final Set<String> EXTENSIONS = Set.of("qcow2", "qcow", "vmdk", "vdi", "vhd", "vhdx", "img", "raw", "hdd", "hds");

    @Override public String formatName() { return "disk image"; }

    @Override
    public boolean canRead(Path file) {
        DiskProbe.Probe p = DiskProbe.probe(file);
        if (p == null) return false;
        if (p.format() != DiskFormat.RAW) return true;
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.contains(".") && EXTENSIONS.contains(n.substring(n.lastIndexOf('.') + 1));
    }

    @Override
    public ImportPlan read(Path file) throws ImportException {
        DiskProbe.Probe p = DiskProbe.probe(file);
        if (p == null) throw new ImportException(file, "cannot be read as a disk image");
        if (p.capacity() == 0) throw new ImportException(file, "is an empty file; a disk image has a size");
        Path abs = file.toAbsolutePath().normalize();
        String stem = abs.getFileName().toString();
        if (stem.contains(".")) stem = stem.substring(0, stem.lastIndexOf('.'));
        String os = OsMapping.fromText(stem);
        ImportedVmBuilder vm = new ImportedVmBuilder(file, "disk image (" + p.format().qemuName() + (p.detail().isEmpty() ? "" : ", " + p.detail()) + ")");
        vm.name(stem).osType(os).cpus(2).memoryMiB(OsMapping.isWindows(os) ? 4096 : 2048);
        DiskBus bus = os.equals("other") || OsMapping.isWindows(os) ? DiskBus.SATA : DiskBus.VIRTIO;
        if (bus == DiskBus.SATA) vm.info("disk", "the disk is attached on SATA, which every guest can boot from without extra drivers");
        vm.addDisk(abs, p.format(), p.capacity(), bus, false);
        vm.addNic(OsMapping.isWindows(os) || os.equals("other") ? "e1000e" : "virtio", null, "nat");
        vm.info("hardware", "a bare disk carries no machine settings: CPUs, memory and firmware are defaults to review");
        return ImportPlan.of(file, formatName(), vm.build());
    }
}
