package org.vmstation.engine.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.vmstation.engine.importer.service.ImageConverter;
import org.vmstation.engine.importer.service.ImageSource;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.storage.CancellationToken;
import org.vmstation.engine.storage.QemuImg;

/**
 * Exports a VM as an OVA: an OVF 1.0 descriptor, a SHA-256 manifest and one streamOptimized VMDK per disk, in a
 * ustar archive with the descriptor first and the manifest second, as OVF requires. The disks are converted into
 * a hidden work folder beside the target and the archive is written under a temporary name, then renamed: a
 * failed or cancelled export leaves neither a partial OVA nor the work files.
 */
public final class OvaExporter {
    /** Share of the progress bar for converting the disks; the rest is hashing and archiving. */
    private static final double CONVERT_SHARE = 0.8;

    private final QemuImg qemuImg;
    private final ImageConverter converter;

    public OvaExporter(QemuImg qemuImg) {
        this.qemuImg = Objects.requireNonNull(qemuImg, "qemuImg");
        this.converter = new ImageConverter(qemuImg);
    }

    /**
     * @param vm       the VM (stopped: a running VM's disks are locked and the export fails with qemu-img's reason)
     * @param vmFolder the VM's folder, against which relative disk paths resolve
     * @param ova      the file to write; it must not exist
     * @param progress fractions 0..1, or null
     * @throws CancellationException when {@code cancel} was cancelled first
     */
    public ExportResult export(VmDefinition vm, Path vmFolder, Path ova, DoubleConsumer progress, CancellationToken cancel) throws IOException {
        Objects.requireNonNull(vm, "vm");
        DoubleConsumer report = progress == null ? f -> {} : progress;
        CancellationToken token = cancel == null ? CancellationToken.none() : cancel;
        Path target = ova.toAbsolutePath();
        if (Files.exists(target)) throw new IOException("Cannot export to " + target + ": the file already exists");
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) throw new IOException("Cannot export to " + target + ": its folder does not exist");
        List<String> notes = notes(vm);
        String stem = stem(vm.name());
        Path work = Files.createTempDirectory(parent, ".vmstation-export-");
        Path partial = parent.resolve("." + target.getFileName() + ".partial");
        try {
            List<Path> sources = new ArrayList<>();
            long totalBytes = 0;
            for (int i = 0; i < vm.disks().size(); i++) {
                DiskSpec d = vm.disks().get(i);
                Path p = Path.of(d.path());
                Path abs = p.isAbsolute() ? p : vmFolder.resolve(p);
                if (!Files.isRegularFile(abs)) throw new IOException("Cannot export VM '" + vm.name() + "': disk " + (i + 1) + " (" + abs + ") does not exist");
                sources.add(abs);
                totalBytes += Math.max(1, Files.size(abs));
            }
            List<ExportedDisk> disks = new ArrayList<>();
            Map<String, Path> members = new LinkedHashMap<>();
            long done = 0;
            for (int i = 0; i < sources.size(); i++) {
                DiskSpec d = vm.disks().get(i);
                String name = stem + "-disk" + (i + 1) + ".vmdk";
                Path vmdk = work.resolve(name);
                long size = Math.max(1, Files.size(sources.get(i)));
                long before = done;
                long total = totalBytes;
                converter.convert(ImageSource.file(d.format().qemuName(), sources.get(i)), vmdk, "vmdk", List.of("subformat=streamOptimized"),
                        f -> report.accept(CONVERT_SHARE * (before + f * size) / total), token);
                done += size;
                long capacity = qemuImg.info(sources.get(i)).virtualSize();
                disks.add(new ExportedDisk(name, Files.size(vmdk), capacity, d.bus()));
                members.put(name, vmdk);
            }
            byte[] descriptor = OvfDescriptorWriter.write(vm, disks);
            String ovfName = stem + ".ovf";
            StringBuilder manifest = new StringBuilder("SHA256(" + ovfName + ")= " + hex(sha256(descriptor)) + "\n");
            for (Map.Entry<String, Path> m : members.entrySet()) {
                checkCancel(token, vm);
                manifest.append("SHA256(").append(m.getKey()).append(")= ").append(hex(sha256(m.getValue()))).append('\n');
            }
            report.accept(CONVERT_SHARE + 0.05);
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(partial))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_ERROR);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                addBytes(tar, ovfName, descriptor);
                addBytes(tar, stem + ".mf", manifest.toString().getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, Path> m : members.entrySet()) {
                    checkCancel(token, vm);
                    TarArchiveEntry e = new TarArchiveEntry(m.getKey(), true);
                    e.setSize(Files.size(m.getValue()));
                    tar.putArchiveEntry(e);
                    try (InputStream in = Files.newInputStream(m.getValue())) {
                        in.transferTo(tar);
                    }
                    tar.closeArchiveEntry();
                }
            }
            checkCancel(token, vm);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            report.accept(1.0);
            return new ExportResult(target, Files.size(target), notes);
        } finally {
            Files.deleteIfExists(partial);
            deleteTree(work);
        }
    }

    /** What the OVA will not carry, so the user hears about it instead of finding out later. */
    static List<String> notes(VmDefinition vm) {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < vm.disks().size(); i++) {
            if (vm.disks().get(i).bus() == DiskBus.USB) notes.add("disk " + (i + 1) + " is a USB disk; OVF has no USB disks, it is described on SATA");
        }
        for (int i = 0; i < vm.cdroms().size(); i++) {
            CdromSpec c = vm.cdroms().get(i);
            if (c.isoPath() != null) notes.add("CD/DVD drive " + (i + 1) + " holds '" + c.isoPath() + "'; the ISO image is not packed, the drive is exported empty");
        }
        if (!vm.network().forwards().isEmpty()) notes.add(vm.network().forwards().size() + " NAT port forward(s) are not part of OVF and are not exported");
        if (vm.kernelBoot() != null) notes.add("direct kernel boot (" + vm.kernelBoot().kernelPath() + ") is not exported");
        if (!vm.tags().isEmpty()) notes.add("tags are not exported");
        return notes;
    }

    /** A member-name stem from the VM name: ASCII letters, digits, dot, dash and underscore, at most 60 characters. */
    static String stem(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (s.isEmpty()) s = "vm";
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    private static void checkCancel(CancellationToken token, VmDefinition vm) {
        if (token.isCancelled()) throw new CancellationException("export of '" + vm.name() + "' was cancelled");
    }

    private static void addBytes(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static byte[] sha256(byte[] data) { return digest().digest(data); }

    private static byte[] sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
        }
        return md.digest();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String hex(byte[] b) { return HexFormat.of().formatHex(b); }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
