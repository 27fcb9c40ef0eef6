package org.vmstation.graphics.rfb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.vmstation.graphics.rfb.protocol.PixelFormat;

/** Builds synthetic server-to-client byte streams for malformed-input tests. */
final class ServerStream {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deflater deflater = new Deflater();

    /** RFB 3.8 greeting, security None accepted, and a ServerInit of the given size named "test". */
    static ServerStream afterHandshake(int width, int height) {
        ServerStream s = new ServerStream();
        s.ascii("RFB 003.008\n").u8(1).u8(1).u32(0);
        s.u16(width).u16(height);
        ByteBuffer pf = ByteBuffer.allocate(16);
        PixelFormat.BGRX_32.write(pf);
        s.bytes(pf.array());
        s.u32(4).ascii("test");
        return s;
    }

    ServerStream ascii(String text) {
        return bytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    ServerStream bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    ServerStream u8(int v) {
        out.write(v);
        return this;
    }

    ServerStream u16(int v) {
        return u8(v >> 8).u8(v);
    }

    ServerStream u32(long v) {
        return u16((int) (v >> 16) & 0xFFFF).u16((int) v & 0xFFFF);
    }

    /** FramebufferUpdate header announcing {@code rects} rectangles. */
    ServerStream update(int rects) {
        return u8(0).u8(0).u16(rects);
    }

    ServerStream rect(int x, int y, int w, int h, int encoding) {
        return u16(x).u16(y).u16(w).u16(h).u32(encoding & 0xFFFFFFFFL);
    }

    /** Compresses {@code data} on this stream's persistent zlib stream with a sync flush, as ZRLE servers do. */
    ServerStream zrle(byte[] data) {
        deflater.setInput(data);
        byte[] buffer = new byte[data.length * 2 + 64];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        u32(n);
        out.write(buffer, 0, n);
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
