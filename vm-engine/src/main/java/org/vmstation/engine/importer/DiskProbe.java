package org.vmstation.engine.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmstation.engine.model.DiskFormat;

/**
 * Identifies a disk image by its magic bytes (never by its name) and reads the guest-visible size from its
 * header: qcow2, VMDK (sparse, streamOptimized, or a text descriptor with extents), VDI, VHD, VHDX, and
 * raw as the fallback. Header fields are bounds-checked; a header that does not add up is reported, not trusted.
 */
public final class DiskProbe {
    /** A VMDK text descriptor is a few hundred bytes; anything bigger is not one. */
    private static final int MAX_DESCRIPTOR = 64 * 1024;
    private static final Pattern EXTENT = Pattern.compile("^\\s*(RW|RDONLY|NOACCESS)\\s+(\\d+)\\s+(\\w+)\\s+\"([^\"]+)\"(?:\\s+(\\d+))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_TYPE = Pattern.compile("^\\s*createType\\s*=\\s*\"?([A-Za-z0-9_]+)\"?", Pattern.CASE_INSENSITIVE);

    /**
     * What the header says.
     *
     * @param format   the format QEMU should open it as
     * @param detail   e.g. "streamOptimized", "monolithicSparse", "twoGbMaxExtentSparse", "dynamic"
     * @param capacity guest-visible bytes, -1 when the header does not say
     * @param extents  for a VMDK descriptor: the extent files, resolved next to it
     */
    public record Probe(DiskFormat format, String detail, long capacity, List<Path> extents) {}

    private DiskProbe() {}

    /** Probes a file; null when it cannot be read at all. */
    public static Probe probe(Path file) {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 512));
            while (head.hasRemaining() && ch.read(head) > 0) { /* fill */ }
            byte[] h = head.array();
            Probe p = fromHeader(h, size);
            if (p != null) return p;
            if (size >= 512) {
                ByteBuffer foot = ByteBuffer.allocate(512);
                ch.position(size - 512);
                while (foot.hasRemaining() && ch.read(foot) > 0) { /* fill */ }
                Probe vhd = vhdFooter(foot.array());
                if (vhd != null) return vhd;
            }
            if (size <= MAX_DESCRIPTOR && isVmdkDescriptor(h)) {
                return vmdkDescriptor(file, Files.readString(file, StandardCharsets.ISO_8859_1));
            }
            return new Probe(DiskFormat.RAW, "", size, List.of());
        } catch (IOException e) {
            return null;
        }
    }

    /** Probes the first bytes of a stream (an archive member) whose total length is {@code size}. */
    public static Probe probe(InputStream in, long size) throws IOException {
        byte[] h = in.readNBytes(512);
        Probe p = fromHeader(h, size);
        if (p != null) return p;
        return new Probe(DiskFormat.RAW, "", size, List.of());
    }

    static Probe fromHeader(byte[] h, long size) {
        if (startsWith(h, "QFI\u00fb")) {
            long cap = h.length >= 32 ? ByteBuffer.wrap(h, 24, 8).order(ByteOrder.BIG_ENDIAN).getLong() : -1;
            return new Probe(DiskFormat.QCOW2, "", cap, List.of());
        }
        if (startsWith(h, "KDMV")) {
            if (h.length < 80) return new Probe(DiskFormat.VMDK, "", -1, List.of());
            ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
            int flags = b.getInt(8);
            long sectors = b.getLong(12);
            long descOffset = b.getLong(28);
            boolean compressed = (flags & (1 << 16)) != 0;
            String detail = compressed ? "streamOptimized" : "monolithicSparse";
            if (descOffset > 0 && !compressed) detail = "monolithicSparse";
            return new Probe(DiskFormat.VMDK, detail, sectors > 0 && sectors < Long.MAX_VALUE / 512 ? sectors * 512 : -1, List.of());
        }
        if (startsWith(h, "vhdxfile")) return new Probe(DiskFormat.VHDX, "", -1, List.of());
        if (startsWith(h, "conectix")) {
            Probe p = vhdFooter(h);
            if (p != null) return p;
        }
        if (h.length >= 0x178 && (h[0x40] & 0xff) == 0x7f && (h[0x41] & 0xff) == 0x10 && (h[0x42] & 0xff) == 0xda && (h[0x43] & 0xff) == 0xbe) {
            long cap = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).getLong(0x170);
            return new Probe(DiskFormat.VDI, "", cap > 0 ? cap : -1, List.of());
        }
        return null;
    }

    private static Probe vhdFooter(byte[] f) {
        if (f.length < 64 || !startsWith(f, "conectix")) return null;
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.BIG_ENDIAN);
        long cap = b.getLong(48);
        int type = b.getInt(60);
        String detail = switch (type) { case 2 -> "fixed"; case 3 -> "dynamic"; case 4 -> "differencing"; default -> ""; };
        return new Probe(DiskFormat.VPC, detail, cap > 0 ? cap : -1, List.of());
    }

    private static boolean isVmdkDescriptor(byte[] h) {
        String s = new String(h, StandardCharsets.ISO_8859_1);
        return s.contains("# Disk DescriptorFile") || s.toLowerCase(Locale.ROOT).contains("createtype");
    }

    /** Parses a VMDK text descriptor: createType and the extent lines, whose sector counts give the capacity. */
    public static Probe vmdkDescriptor(Path descriptor, String text) {
        String createType = "";
        long sectors = 0;
        List<Path> extents = new ArrayList<>();
        Path dir = descriptor.toAbsolutePath().getParent();
        for (String line : text.split("\r?\n")) {
            Matcher ct = CREATE_TYPE.matcher(line);
            if (ct.find()) createType = ct.group(1);
            Matcher ex = EXTENT.matcher(line);
            if (ex.find()) {
                sectors += Long.parseLong(ex.group(2));
                if (!ex.group(3).equalsIgnoreCase("ZERO")) extents.add(dir == null ? Path.of(ex.group(4)) : dir.resolve(ex.group(4)).normalize());
            }
        }
        return new Probe(DiskFormat.VMDK, createType, sectors > 0 ? sectors * 512 : -1, extents);
    }

    /** Whether the file is an ISO 9660 image ("CD001" at sector 16). */
    public static boolean isIso9660(Path file) {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            if (ch.size() < 0x8006) return false;
            ch.position(0x8001);
            ByteBuffer b = ByteBuffer.allocate(5);
            while (b.hasRemaining() && ch.read(b) > 0) { /* fill */ }
            return new String(b.array(), StandardCharsets.US_ASCII).equals("CD001");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] h, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (h.length < m.length) return false;
        for (int i = 0; i < m.length; i++) if (h[i] != m[i]) return false;
        return true;
    }

    /** Maps a format name as other tools write it (OVF format URIs, "VDI", "vmdk#streamOptimized") to ours. */
    public static DiskFormat formatFromName(String name, DiskFormat fallback) {
        if (name == null) return fallback;
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("vmdk")) return DiskFormat.VMDK;
        if (n.contains("qcow")) return DiskFormat.QCOW2;
        if (n.contains("vdi")) return DiskFormat.VDI;
        if (n.contains("vhdx")) return DiskFormat.VHDX;
        if (n.contains("vhd") || n.contains("vpc") || n.contains("virtualserver")) return DiskFormat.VPC;
        if (n.equals("raw") || n.endsWith(".img") || n.endsWith(".raw") || n.equals("aio") || n.equals("file")) return DiskFormat.RAW;
        return fallback;
    }
}
