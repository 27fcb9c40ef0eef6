package org.vmstation.engine.osinfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The identifiers of an ISO 9660 image's primary volume descriptor (ECMA-119 8.4), which osinfo's media
 * entries match: system id (bytes 8-39), volume id (40-71), publisher id (318-445), application id (574-701).
 * Trailing blanks and NULs are removed; bytes outside printable ASCII become '?'.
 */
public record IsoVolumeDescriptor(String systemId, String volumeId, String publisherId, String applicationId) {
    static final int SECTOR = 2048;
    static final long FIRST_DESCRIPTOR = 16L * SECTOR;
    /** How many descriptors are looked at before giving up (boot records and supplementary ones may come first). */
    static final int MAX_DESCRIPTORS = 32;

    /** Reads the primary volume descriptor of {@code iso}; a file that is not ISO 9660 gets an error saying so. */
    public static IsoVolumeDescriptor read(Path iso) throws OsInfoException {
        try (SeekableByteChannel ch = Files.newByteChannel(iso)) {
            long size = ch.size();
            if (size < FIRST_DESCRIPTOR + SECTOR) {
                throw new OsInfoException(iso, "is not an ISO 9660 image: " + size + " bytes, too small to hold a volume descriptor at sector 16 (offset 0x8000)");
            }
            for (int i = 0; i < MAX_DESCRIPTORS; i++) {
                long at = FIRST_DESCRIPTOR + (long) i * SECTOR;
                if (at + SECTOR > size) break;
                byte[] d = readSector(ch, at);
                if (!new String(d, 1, 5, StandardCharsets.US_ASCII).equals("CD001")) {
                    throw new OsInfoException(iso, "is not an ISO 9660 image: the volume descriptor at offset 0x"
                            + Long.toHexString(at) + " lacks the 'CD001' signature");
                }
                int type = d[0] & 0xff;
                if (type == 1) return parse(d);
                if (type == 255) break; // set terminator
            }
            throw new OsInfoException(iso, "is an ISO 9660 image without a primary volume descriptor (type 1) in its descriptor set");
        } catch (IOException e) {
            throw new OsInfoException(iso, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] readSector(SeekableByteChannel ch, long at) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SECTOR);
        ch.position(at);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) throw new IOException("unexpected end of file at offset " + (at + b.position()));
        }
        return b.array();
    }

    /** The four identifiers of one 2048-byte primary volume descriptor. */
    static IsoVolumeDescriptor parse(byte[] pvd) {
        if (pvd.length < SECTOR) throw new IllegalArgumentException("a volume descriptor is 2048 bytes, got " + pvd.length);
        return new IsoVolumeDescriptor(field(pvd, 8, 32), field(pvd, 40, 32), field(pvd, 318, 128), field(pvd, 574, 128));
    }

    private static String field(byte[] d, int offset, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = offset; i < offset + length; i++) {
            int c = d[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? (char) c : c == 0 ? ' ' : '?');
        }
        return s.toString().stripTrailing();
    }
}
