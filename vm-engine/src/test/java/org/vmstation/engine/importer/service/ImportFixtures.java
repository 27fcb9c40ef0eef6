package org.vmstation.engine.importer.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.vmstation.engine.importer.SourceDisk;
import org.vmstation.engine.library.VmLibrary;

/** Real disk images from qemu-img, OVAs written with Commons Compress, and the shared corpus, for import tests. */
public final class ImportFixtures {
    private ImportFixtures() {}

    public static Path corpusRoot() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/corpus");
            if (Files.isDirectory(c)) return c;
        }
        throw new IllegalStateException("no shared/corpus folder above " + System.getProperty("user.dir"));
    }

    public static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> s = Files.walk(corpusRoot())) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("SOURCES.md") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    public static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
        return out;
    }

    /**
     * A real image with recognisable content: a qcow2 with {@code pattern} written over its first MiB, then
     * converted to the wanted format (vmdk-stream = streamOptimized VMDK, parallels, vdi, vpc, vhdx, raw, qcow2).
     */
    public static Path image(Path file, String format, int pattern) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path seed = Files.createTempFile(file.toAbsolutePath().getParent(), "seed", ".qcow2");
        Files.delete(seed);
        run("qemu-img", "create", "-q", "-f", "qcow2", seed.toString(), "4M");
        run("qemu-io", "-f", "qcow2", "-c", "write -P " + pattern + " 0 1M", seed.toString());
        try {
            switch (format) {
                case "qcow2" -> Files.move(seed, file);
                case "vmdk-stream" -> run("qemu-img", "convert", "-f", "qcow2", "-O", "vmdk", "-o", "subformat=streamOptimized", seed.toString(), file.toString());
                default -> run("qemu-img", "convert", "-f", "qcow2", "-O", format, seed.toString(), file.toString());
            }
        } finally {
            Files.deleteIfExists(seed);
        }
        return file;
    }

    /** The image format to make for a disk the importer expects. */
    public static String formatFor(SourceDisk sd) {
        String name = sd.file() != null ? sd.file().getFileName().toString().toLowerCase() : sd.member().entryName().toLowerCase();
        if (name.endsWith(".hdd") || name.endsWith(".hds")) return "parallels";
        return switch (sd.format()) {
            case VMDK -> sd.formatDetail().equalsIgnoreCase("streamOptimized") || sd.member() != null ? "vmdk-stream" : "vmdk";
            case QCOW2 -> "qcow2";
            case VDI -> "vdi";
            case VPC -> "vpc";
            case VHDX -> "vhdx";
            case RAW -> "raw";
        };
    }

    /** A ustar tar of the files, in order, with a SHA-256 manifest after the first member when {@code manifest} is set. */
    public static Path ova(Path ova, Map<String, Path> members, boolean manifest) throws Exception {
        List<Map.Entry<String, Path>> order = new ArrayList<>(members.entrySet());
        Path mf = null;
        if (manifest) {
            StringBuilder sb = new StringBuilder();
            for (var m : order) sb.append("SHA256(").append(m.getKey()).append(")= ").append(sha256(m.getValue())).append('\n');
            String first = order.getFirst().getKey();
            mf = Files.createTempFile(ova.toAbsolutePath().getParent(), "manifest", ".mf");
            Files.writeString(mf, sb.toString());
            order.add(1, Map.entry(first.replaceFirst("\\.[^.]*$", "") + ".mf", mf));
        }
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(ova))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var m : order) {
                TarArchiveEntry e = new TarArchiveEntry(m.getKey(), true);
                e.setSize(Files.size(m.getValue()));
                out.putArchiveEntry(e);
                try (InputStream in = Files.newInputStream(m.getValue())) {
                    in.transferTo(out);
                }
                out.closeArchiveEntry();
            }
        } finally {
            if (mf != null) Files.deleteIfExists(mf);
        }
        return ova;
    }

    public static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file); OutputStream sink = OutputStream.nullOutputStream()) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Whether the two images hold the same guest-visible bytes. */
    public static boolean sameContent(Path a, Path b) throws InterruptedException, IOException {
        Process p = new ProcessBuilder("qemu-img", "compare", "-q", a.toString(), b.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        return p.exitValue() == 0;
    }

    /** Every file under the library's vms/ folder (empty when nothing was left behind). */
    public static List<Path> filesUnder(VmLibrary library) throws IOException {
        Path vms = library.root().resolve("vms");
        if (!Files.exists(vms)) return List.of();
        try (Stream<Path> s = Files.walk(vms)) {
            return s.filter(p -> !p.equals(vms)).toList();
        }
    }
}
