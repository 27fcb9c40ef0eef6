package org.vmstation.engine.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Real tiny disk images made with qemu-img, OVA tars made with Commons Compress, and a minimal ISO 9660 image. */
final class TestImages {
    private TestImages() {}

    /** Runs {@code qemu-img create -f FORMAT file SIZE} and returns the file. */
    static Path qemuImg(Path dir, String name, String format, String size) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", format, file.toString(), size).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("qemu-img create failed: " + out);
        return file;
    }

    static String sha(String algo, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algo).digest(data));
    }

    /** A tar with the given members in order; {@code format} is TarArchiveOutputStream.LONGFILE_* (POSIX = pax headers). */
    static Path tar(Path file, int longFileMode, Map<String, byte[]> members) throws IOException {
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            out.setLongFileMode(longFileMode);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(m.getKey(), true);
                e.setSize(m.getValue().length);
                out.putArchiveEntry(e);
                out.write(m.getValue());
                out.closeArchiveEntry();
            }
        }
        return file;
    }

    static Map<String, byte[]> members() { return new LinkedHashMap<>(); }

    /** Just enough ISO 9660 for a volume label: 16 empty sectors, then a primary volume descriptor. */
    static Path iso(Path file, String label) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[0x8000]);
        byte[] pvd = new byte[2048];
        pvd[0] = 1;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, pvd, 1, 5);
        pvd[6] = 1;
        byte[] id = String.format("%-32s", label).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, pvd, 40, 32);
        b.write(pvd);
        byte[] term = new byte[2048];
        term[0] = (byte) 255;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, term, 1, 5);
        b.write(term);
        Files.write(file, b.toByteArray());
        return file;
    }
}
