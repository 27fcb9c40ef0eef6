package org.vmstation.graphics.rfb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.vmstation.graphics.framebuffer.DamageRect;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;
import org.vmstation.graphics.rfb.protocol.ClientProtocol;

/** Feeds recorded server bytes into a socket-less {@link ClientProtocol}, cut into chunks at given positions. */
final class Replay implements RfbSessionListener {

    final List<byte[]> sent = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final ClientProtocol protocol;

    Replay(RfbClientOptions options) {
        protocol = new ClientProtocol(options, sent::add, this);
    }

    static Replay run(byte[] stream, int[] cuts, RfbClientOptions options) throws RfbProtocolException {
        Replay replay = new Replay(options);
        int start = 0;
        for (int cut : cuts) {
            replay.feed(stream, start, cut);
            start = cut;
        }
        replay.feed(stream, start, stream.length);
        return replay;
    }

    void feed(byte[] stream, int from, int to) throws RfbProtocolException {
        // A fresh small buffer per chunk, as a socket read would deliver.
        ByteBuffer chunk = ByteBuffer.wrap(stream, from, to - from).slice();
        protocol.receive(chunk);
        if (chunk.hasRemaining()) throw new AssertionError("decoder left " + chunk.remaining() + " bytes unconsumed");
    }

    FramebufferSnapshot snapshot() {
        return protocol.framebuffer().snapshot();
    }

    static byte[] resource(String name) {
        try (InputStream in = Replay.class.getResourceAsStream("/rfb/" + name)) {
            if (in == null) throw new IllegalArgumentException("missing test resource /rfb/" + name);
            InputStream data = name.endsWith(".gz") ? new GZIPInputStream(in) : in;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            data.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FramebufferSnapshot png(String name) {
        try (InputStream in = Replay.class.getResourceAsStream("/rfb/" + name)) {
            var image = ImageIO.read(in);
            int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            return new FramebufferSnapshot(image.getWidth(), image.getHeight(), argb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onFramebufferUpdate(DamageRect damage) {
        events.add("update " + damage);
    }

    @Override
    public void onResize(int width, int height) {
        events.add("resize " + width + "x" + height);
    }

    @Override
    public void onCursor(CursorImage cursor) {
        events.add("cursor " + cursor.width() + "x" + cursor.height());
    }

    @Override
    public void onLedState(LedState state) {
        events.add("led " + state);
    }

    @Override
    public void onPointerModeChange(PointerMode mode) {
        events.add("pointer " + mode);
    }

    @Override
    public void onBell() {
        events.add("bell");
    }

    @Override
    public void onClipboard(String text) {
        events.add("clipboard " + text);
    }
}
