package org.vmstation.graphics.rfb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.vmstation.graphics.rfb.protocol.Encodings;

/**
 * How to connect: optional VNC password, shared flag, which pixel encodings to offer (most preferred first),
 * handshake timeout, and an optional file that receives a copy of every byte the server sends (for recording
 * test fixtures and diagnosing servers).
 */
public record RfbClientOptions(String password, boolean shared, List<Integer> pixelEncodings,
                               Duration connectTimeout, Path recordServerBytesTo) {

    private static final List<Integer> SUPPORTED = List.of(Encodings.RAW, Encodings.COPY_RECT, Encodings.ZRLE);

    public RfbClientOptions {
        pixelEncodings = List.copyOf(pixelEncodings);
        if (pixelEncodings.isEmpty()) throw new IllegalArgumentException("at least one pixel encoding is needed");
        for (int e : pixelEncodings) {
            if (!SUPPORTED.contains(e)) {
                throw new IllegalArgumentException("unsupported pixel encoding " + e + "; supported: " + SUPPORTED);
            }
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, was " + connectTimeout);
        }
    }

    /** No password, shared session, ZRLE preferred, 10 s handshake timeout, no recording. */
    public static RfbClientOptions defaults() {
        return new RfbClientOptions(null, true, List.of(Encodings.ZRLE, Encodings.COPY_RECT, Encodings.RAW),
                Duration.ofSeconds(10), null);
    }

    public RfbClientOptions withPassword(String newPassword) {
        return new RfbClientOptions(newPassword, shared, pixelEncodings, connectTimeout, recordServerBytesTo);
    }

    public RfbClientOptions withPixelEncodings(Integer... encodings) {
        return new RfbClientOptions(password, shared, List.of(encodings), connectTimeout, recordServerBytesTo);
    }

    public RfbClientOptions withConnectTimeout(Duration timeout) {
        return new RfbClientOptions(password, shared, pixelEncodings, timeout, recordServerBytesTo);
    }

    public RfbClientOptions withRecording(Path file) {
        return new RfbClientOptions(password, shared, pixelEncodings, connectTimeout, file);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "RfbClientOptions[password=" + (password == null ? "none" : "***") + ", shared=" + shared
                + ", pixelEncodings=" + pixelEncodings + ", connectTimeout=" + connectTimeout
                + ", recordServerBytesTo=" + recordServerBytesTo + "]";
    }

    /** Everything sent in SetEncodings: the pixel encodings in preference order, then all pseudo-encodings. */
    public int[] advertisedEncodings() {
        int[] pseudo = {Encodings.EXTENDED_DESKTOP_SIZE, Encodings.DESKTOP_SIZE, Encodings.LAST_RECT,
                Encodings.ALPHA_CURSOR, Encodings.CURSOR, Encodings.QEMU_EXTENDED_KEY_EVENT, Encodings.QEMU_LED_STATE,
                Encodings.QEMU_POINTER_TYPE_CHANGE, Encodings.EXTENDED_CLIPBOARD};
        int[] all = new int[pixelEncodings.size() + pseudo.length];
        for (int i = 0; i < pixelEncodings.size(); i++) all[i] = pixelEncodings.get(i);
        System.arraycopy(pseudo, 0, all, pixelEncodings.size(), pseudo.length);
        return all;
    }
}
