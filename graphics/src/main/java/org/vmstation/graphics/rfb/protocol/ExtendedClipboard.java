package org.vmstation.graphics.rfb.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.vmstation.graphics.rfb.RfbLimits;
import org.vmstation.graphics.rfb.RfbProtocolException;

/**
 * The Extended Clipboard pseudo-encoding (0xC0A1E5CE), text format only. Messages travel as Server/ClientCutText
 * with a negative length: u32 flags (format bits 0-15, action bits 24-31), then per action either per-format
 * size limits (caps) or a zlib stream, one per message, of u32 size + data per format (provide). QEMU relays
 * the guest agent's clipboard only this way.
 */
public final class ExtendedClipboard {

    static final int TEXT = 1;
    static final int CAPS = 1 << 24;
    static final int REQUEST = 1 << 25;
    static final int PEEK = 1 << 26;
    static final int NOTIFY = 1 << 27;
    static final int PROVIDE = 1 << 28;

    private final RfbOutput out;
    private final Consumer<String> onText;
    private volatile boolean active;
    private volatile long serverTextLimit;
    private volatile String localText;

    public ExtendedClipboard(RfbOutput out, Consumer<String> onText) {
        this.out = out;
        this.onText = onText;
    }

    /** True once the server announced its capabilities, so local text goes out as notify/provide. */
    public boolean isActive() {
        return active;
    }

    /** Offers host text to the guest: a notify now, the text itself when the server requests it. */
    public void offerText(String text) {
        localText = text;
        out.send(message(NOTIFY | TEXT, new byte[0]));
    }

    /** Handles one server message body (after the negative length). */
    public void handle(ByteBuffer payload) throws RfbProtocolException {
        if (payload.remaining() < 4) {
            throw new RfbProtocolException("extended clipboard message of " + payload.remaining() + " bytes has no flags");
        }
        int flags = payload.getInt();
        if ((flags & CAPS) != 0) {
            readCaps(flags, payload);
        } else if ((flags & REQUEST) != 0) {
            String text = localText;
            if ((flags & TEXT) != 0 && text != null) provide(text);
        } else if ((flags & PEEK) != 0) {
            out.send(message(NOTIFY | (localText != null ? TEXT : 0), new byte[0]));
        } else if ((flags & NOTIFY) != 0) {
            if ((flags & TEXT) != 0) out.send(message(REQUEST | TEXT, new byte[0]));
        } else if ((flags & PROVIDE) != 0) {
            readProvide(flags, payload);
        }
        // Other actions are reserved; the specification says to ignore them.
    }

    private void readCaps(int flags, ByteBuffer payload) throws RfbProtocolException {
        for (int bit = 0; bit < 16; bit++) {
            if ((flags & (1 << bit)) == 0) continue;
            if (payload.remaining() < 4) {
                throw new RfbProtocolException("extended clipboard caps lack the size limit for format bit " + bit);
            }
            long limit = payload.getInt() & 0xFFFFFFFFL;
            if (bit == 0) serverTextLimit = limit;
        }
        active = true;
        ByteBuffer caps = ByteBuffer.allocate(4);
        caps.putInt(RfbLimits.MAX_CUT_TEXT);
        out.send(message(CAPS | TEXT | REQUEST | PEEK | NOTIFY | PROVIDE, caps.array()));
    }

    private void readProvide(int flags, ByteBuffer payload) throws RfbProtocolException {
        byte[] compressed = new byte[payload.remaining()];
        payload.get(compressed);
        ByteBuffer data = ByteBuffer.wrap(inflate(compressed));
        for (int bit = 0; bit < 16; bit++) {
            if ((flags & (1 << bit)) == 0) continue;
            if (data.remaining() < 4) {
                throw new RfbProtocolException("extended clipboard provide lacks the size of format bit " + bit);
            }
            long size = data.getInt() & 0xFFFFFFFFL;
            if (size > data.remaining()) {
                throw new RfbProtocolException("extended clipboard provide: format bit " + bit + " claims " + size
                        + " bytes, only " + data.remaining() + " present");
            }
            byte[] bytes = new byte[(int) size];
            data.get(bytes);
            if (bit == 0) {
                int length = bytes.length;
                while (length > 0 && bytes[length - 1] == 0) length--; // text is NUL-terminated
                onText.accept(new String(bytes, 0, length, StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] inflate(byte[] compressed) throws RfbProtocolException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream result = new ByteArrayOutputStream();
            byte[] chunk = new byte[16 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                result.write(chunk, 0, n);
                if (result.size() > RfbLimits.MAX_CUT_TEXT + 64) {
                    throw new RfbProtocolException("extended clipboard data inflates beyond the limit of "
                            + RfbLimits.MAX_CUT_TEXT + " bytes");
                }
            }
            return result.toByteArray();
        } catch (DataFormatException e) {
            throw new RfbProtocolException("extended clipboard provide has corrupt zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private void provide(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length + 1 > Math.min(serverTextLimit, RfbLimits.MAX_CUT_TEXT)) return; // the server would refuse it
        ByteBuffer plain = ByteBuffer.allocate(4 + utf8.length + 1);
        plain.putInt(utf8.length + 1).put(utf8).put((byte) 0);
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(plain.array());
            deflater.finish();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            byte[] chunk = new byte[16 * 1024];
            while (!deflater.finished()) compressed.write(chunk, 0, deflater.deflate(chunk));
            out.send(message(PROVIDE | TEXT, compressed.toByteArray()));
        } finally {
            deflater.end();
        }
    }

    /** ClientCutText with a negative length carrying flags and body. */
    static byte[] message(int flags, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + body.length);
        b.put((byte) 6).put(new byte[3]).putInt(-(4 + body.length)).putInt(flags).put(body);
        return b.array();
    }
}
