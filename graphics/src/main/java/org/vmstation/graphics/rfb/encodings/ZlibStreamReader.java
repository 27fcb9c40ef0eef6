package org.vmstation.graphics.rfb.encodings;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.vmstation.graphics.rfb.RfbProtocolException;

/**
 * Reads bytes out of a connection-long zlib stream, one rectangle's compressed data at a time, refusing to
 * produce more than a given number of bytes per rectangle (so a corrupt or hostile stream cannot balloon).
 */
final class ZlibStreamReader {

    private final Inflater inflater = new Inflater();
    private final byte[] out = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long budget;
    private String what;

    /** Supplies one rectangle's compressed bytes; at most {@code maxOutput} bytes may be inflated from them. */
    void begin(byte[] input, int length, long maxOutput, String what) {
        inflater.setInput(input, 0, length);
        pos = 0;
        limit = 0;
        budget = maxOutput;
        this.what = what;
    }

    int u8() throws RfbProtocolException {
        if (pos == limit) refill();
        return out[pos++] & 0xFF;
    }

    /** A ZRLE CPIXEL for the B,G,R,X client format: three bytes B, G, R. */
    int cpixel() throws RfbProtocolException {
        if (limit - pos >= 3) {
            int p = (out[pos] & 0xFF) | (out[pos + 1] & 0xFF) << 8 | (out[pos + 2] & 0xFF) << 16;
            pos += 3;
            return p;
        }
        return u8() | u8() << 8 | u8() << 16;
    }

    /**
     * Inflates whatever compressed input is left (normally only the sync-flush marker) so the stream stays in step
     * for the next rectangle, and drops surplus output.
     */
    void finish() throws RfbProtocolException {
        pos = limit;
        while (!inflater.needsInput() && !inflater.finished()) {
            if (inflateSome() == 0 && !inflater.needsInput()) {
                throw new RfbProtocolException(what + ": zlib stream stalled");
            }
            pos = limit;
        }
    }

    private void refill() throws RfbProtocolException {
        int n = inflateSome();
        if (n == 0) {
            if (inflater.finished()) throw new RfbProtocolException(what + ": zlib stream ended early");
            if (inflater.needsDictionary()) throw new RfbProtocolException(what + ": zlib stream needs a dictionary");
            throw new RfbProtocolException(what + ": compressed data truncated (tile data incomplete)");
        }
    }

    private int inflateSome() throws RfbProtocolException {
        int n;
        try {
            n = inflater.inflate(out, 0, (int) Math.min(out.length, Math.max(budget, 1)));
        } catch (DataFormatException e) {
            throw new RfbProtocolException(what + ": corrupt zlib data: " + e.getMessage(), e);
        }
        budget -= n;
        if (budget < 0) {
            throw new RfbProtocolException(what + ": decompressed data exceeds the maximum possible size for the rectangle");
        }
        pos = 0;
        limit = n;
        return n;
    }

    void close() {
        inflater.end();
    }
}
