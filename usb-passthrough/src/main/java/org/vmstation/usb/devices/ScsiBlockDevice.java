package org.vmstation.usb.devices;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A SCSI direct-access disk (SPC/SBC subset that USB mass-storage hosts use) over an image file: INQUIRY,
 * TEST UNIT READY, REQUEST SENSE, READ CAPACITY(10), READ(10), WRITE(10), MODE SENSE(6/10), PREVENT ALLOW
 * MEDIUM REMOVAL, START STOP UNIT, SYNCHRONIZE CACHE(10). Anything else is CHECK CONDITION with
 * ILLEGAL REQUEST sense, as a real disk would answer.
 */
public final class ScsiBlockDevice {
    public static final int BLOCK = 512;

    /** What a command wants from the transport. */
    public sealed interface Reply {}
    /** Done; {@code data} goes to the host (may be empty). */
    public record DataIn(boolean good, byte[] data) implements Reply {}
    /** The command needs {@code length} bytes from the host; hand them to {@link ScsiBlockDevice#completeWrite}. */
    public record DataOut(long lba, int length) implements Reply {}

    private static final int NO_SENSE = 0, NOT_READY = 2, MEDIUM_ERROR = 3, ILLEGAL_REQUEST = 5, DATA_PROTECT = 7;

    private final FileChannel image;
    private final long blocks;
    private final boolean readOnly;
    private final String vendor;
    private final String product;
    private int senseKey;
    private int asc;

    public ScsiBlockDevice(FileChannel image, boolean readOnly, String vendor, String product) throws IOException {
        this.image = image;
        this.blocks = image.size() / BLOCK;
        if (blocks == 0) throw new IllegalArgumentException("disk image is smaller than one " + BLOCK + "-byte block");
        this.readOnly = readOnly;
        this.vendor = vendor;
        this.product = product;
    }

    public long blocks() { return blocks; }

    public Reply execute(byte[] cdb) {
        int op = cdb[0] & 0xff;
        int expectedLength = cdbLength(op);
        if (expectedLength > 0 && cdb.length < expectedLength) return fail(ILLEGAL_REQUEST, 0x24);
        switch (op) {
            case 0x00: // TEST UNIT READY
            case 0x1E: // PREVENT ALLOW MEDIUM REMOVAL
            case 0x1B: // START STOP UNIT
                return good(new byte[0]);
            case 0x35: // SYNCHRONIZE CACHE(10)
                try {
                    image.force(false);
                    return good(new byte[0]);
                } catch (IOException e) {
                    return fail(MEDIUM_ERROR, 0x0C);
                }
            case 0x03: { // REQUEST SENSE: report, then clear
                byte[] s = new byte[18];
                s[0] = 0x70;
                s[2] = (byte) senseKey;
                s[7] = 10;
                s[12] = (byte) asc;
                senseKey = NO_SENSE;
                asc = 0;
                return new DataIn(true, trim(s, cdb[4] & 0xff));
            }
            case 0x12: { // INQUIRY
                if ((cdb[1] & 1) != 0) return fail(ILLEGAL_REQUEST, 0x24); // no VPD pages
                byte[] d = new byte[36];
                d[0] = 0x00;        // direct-access block device
                d[1] = (byte) 0x80; // removable
                d[2] = 0x04;        // SPC-2
                d[3] = 0x02;        // response data format
                d[4] = 31;
                System.arraycopy(pad(vendor, 8), 0, d, 8, 8);
                System.arraycopy(pad(product, 16), 0, d, 16, 16);
                System.arraycopy(pad("1.0", 4), 0, d, 32, 4);
                int alloc = ((cdb[3] & 0xff) << 8) | (cdb[4] & 0xff);
                return good(trim(d, alloc));
            }
            case 0x25: { // READ CAPACITY(10)
                ByteBuffer b = ByteBuffer.allocate(8);
                b.putInt((int) Math.min(blocks - 1, 0xffffffffL)).putInt(BLOCK);
                return good(b.array());
            }
            case 0x1A: // MODE SENSE(6): header only, write-protect bit
                return good(trim(new byte[] {3, 0, (byte) (readOnly ? 0x80 : 0), 0}, cdb[4] & 0xff));
            case 0x5A: { // MODE SENSE(10)
                int alloc = ((cdb[7] & 0xff) << 8) | (cdb[8] & 0xff);
                return good(trim(new byte[] {0, 6, 0, (byte) (readOnly ? 0x80 : 0), 0, 0, 0, 0}, alloc));
            }
            case 0x28: { // READ(10)
                long lba = Integer.toUnsignedLong(ByteBuffer.wrap(cdb, 2, 4).getInt());
                int count = ((cdb[7] & 0xff) << 8) | (cdb[8] & 0xff);
                if (lba + count > blocks) return fail(ILLEGAL_REQUEST, 0x21);
                byte[] data = new byte[count * BLOCK];
                try {
                    ByteBuffer b = ByteBuffer.wrap(data);
                    long pos = lba * BLOCK;
                    while (b.hasRemaining()) {
                        int n = image.read(b, pos + b.position());
                        if (n < 0) break;
                    }
                } catch (IOException e) {
                    return fail(MEDIUM_ERROR, 0x11);
                }
                return good(data);
            }
            case 0x2A: { // WRITE(10)
                if (readOnly) return fail(DATA_PROTECT, 0x27);
                long lba = Integer.toUnsignedLong(ByteBuffer.wrap(cdb, 2, 4).getInt());
                int count = ((cdb[7] & 0xff) << 8) | (cdb[8] & 0xff);
                if (lba + count > blocks) return fail(ILLEGAL_REQUEST, 0x21);
                return new DataOut(lba, count * BLOCK);
            }
            default:
                return fail(ILLEGAL_REQUEST, 0x20);
        }
    }

    /** Finishes a WRITE(10) with the host's data; returns whether it succeeded (sense is set if not). */
    public boolean completeWrite(DataOut write, byte[] data) {
        if (data.length != write.length()) {
            senseKey = ILLEGAL_REQUEST;
            asc = 0x24;
            return false;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) image.write(b, write.lba() * BLOCK + b.position());
            return true;
        } catch (IOException e) {
            senseKey = MEDIUM_ERROR;
            asc = 0x0C;
            return false;
        }
    }

    /** Sets sense for a command the transport rejected (e.g. a direction mismatch). */
    public void invalidCommand() {
        senseKey = ILLEGAL_REQUEST;
        asc = 0x24;
    }

    private DataIn good(byte[] data) {
        senseKey = NO_SENSE;
        asc = 0;
        return new DataIn(true, data);
    }

    private DataIn fail(int key, int code) {
        senseKey = key;
        asc = code;
        return new DataIn(false, new byte[0]);
    }

    private static int cdbLength(int op) {
        return switch (op >> 5) {
            case 0 -> 6;
            case 1, 2 -> 10;
            default -> 0;
        };
    }

    private static byte[] trim(byte[] d, int alloc) { return d.length > alloc ? Arrays.copyOf(d, alloc) : d; }

    private static byte[] pad(String s, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) ' ');
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, out, 0, Math.min(n, b.length));
        return out;
    }

    // NOT_READY is kept for completeness of the sense table above (removable media without medium).
    static int notReadyKey() { return NOT_READY; }
}
