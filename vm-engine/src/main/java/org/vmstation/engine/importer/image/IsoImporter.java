package org.vmstation.engine.importer.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vmstation.engine.importer.DiskProbe;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.OsMapping;
import org.vmstation.engine.importer.VmImporter;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.Firmware;

/**
 * An installer ISO: reads the ISO 9660 primary volume descriptor's label, guesses the OS from it (falling back
 * to the file name), and proposes a new VM that boots the ISO; the New VM wizard prefills itself from this.
 */
public final class IsoImporter implements VmImporter {
    @Override public String formatName() { return "ISO 9660 image"; }

    @Override public boolean canRead(Path file) { return DiskProbe.isIso9660(file); }

    /** The volume label of an ISO 9660 image (primary volume descriptor, sector 16), trimmed. */
    public static String volumeLabel(Path file) throws ImportException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            if (ch.size() < 0x8000 + 2048) throw new ImportException(file, "is too small for an ISO 9660 image (no volume descriptor at sector 16)");
            ch.position(0x8000);
            ByteBuffer b = ByteBuffer.allocate(2048);
            while (b.hasRemaining() && ch.read(b) > 0) { /* fill */ }
            byte[] pvd = b.array();
            if (pvd[0] != 1 || !new String(pvd, 1, 5, StandardCharsets.US_ASCII).equals("CD001")) {
                throw new ImportException(file, "sector 16 is not an ISO 9660 primary volume descriptor (type 1, 'CD001')");
            }
            return new String(pvd, 40, 32, StandardCharsets.US_ASCII).replaceAll("[^\\x20-\\x7e]", "").strip();
        } catch (IOException e) {
            throw new ImportException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public ImportPlan read(Path file) throws ImportException {
        String label = volumeLabel(file);
        Path abs = file.toAbsolutePath().normalize();
        String stem = abs.getFileName().toString().replaceFirst("(?i)\\.iso$", "");
        // the osinfo database knows installers by their exact identifiers; the text rules are the fallback
        var known = org.vmstation.engine.osinfo.OsInfoDatabase.detectInstalled(file);
        String os = known.map(m -> OsMapping.fromLibosinfo(m.os().id())).orElseGet(() -> OsMapping.fromText(label));
        if (os.equals("other")) os = OsMapping.fromText(stem);
        ImportedVmBuilder vm = new ImportedVmBuilder(file, "installer ISO (volume label '" + label + "')");
        known.ifPresent(m -> vm.info("operating system", m.describe() + " (osinfo " + m.os().shortId() + ")"));
        vm.name(label.isBlank() ? stem : prettify(label)).osType(os).sourceOsId(label);
        boolean windows = OsMapping.isWindows(os);
        vm.cpus(2).memoryMiB(windows ? 4096 : 2048);
        if (os.equals("windows11")) vm.secureBoot(true).tpm(true).firmware(Firmware.UEFI);
        else if (windows) vm.firmware(Firmware.UEFI);
        vm.addCdrom(abs.toString(), DiskBus.SATA);
        vm.addNic(windows ? "e1000e" : "virtio", null, "nat");
        vm.bootOrder(List.of(BootDevice.CDROM, BootDevice.DISK));
        vm.info("install", "an installer ISO: the new VM boots it; create a system disk in the New VM wizard");
        return ImportPlan.of(file, formatName(), vm.build());
    }

    private static String prettify(String label) {
        return label.replace('_', ' ').replaceAll("\\s+", " ").strip();
    }
}
