package org.vmstation.graphics.rfb.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builders for client-to-server messages, each returning the exact wire bytes. */
public final class ClientMessages {

    private ClientMessages() {
    }

    public static byte[] setPixelFormat(PixelFormat format) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.put((byte) 0).put(new byte[3]);
        format.write(b);
        return b.array();
    }

    public static byte[] setEncodings(int... encodings) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * encodings.length);
        b.put((byte) 2).put((byte) 0).putShort((short) encodings.length);
        for (int e : encodings) b.putInt(e);
        return b.array();
    }

    public static byte[] framebufferUpdateRequest(boolean incremental, int x, int y, int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(10);
        b.put((byte) 3).put((byte) (incremental ? 1 : 0));
        b.putShort((short) x).putShort((short) y).putShort((short) width).putShort((short) height);
        return b.array();
    }

    public static byte[] keyEvent(boolean down, int keysym) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) 4).put((byte) (down ? 1 : 0)).putShort((short) 0).putInt(keysym);
        return b.array();
    }

    public static byte[] pointerEvent(int buttonMask, int x, int y) {
        ByteBuffer b = ByteBuffer.allocate(6);
        b.put((byte) 5).put((byte) buttonMask).putShort((short) x).putShort((short) y);
        return b.array();
    }

    /** ClientCutText carries ISO-8859-1 text; characters outside it become '?'. */
    public static byte[] clientCutText(String text) {
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(8 + latin1.length);
        b.put((byte) 6).put(new byte[3]).putInt(latin1.length).put(latin1);
        return b.array();
    }

    /** QEMU client message 255, sub-type 0: key event carrying an XT scancode (0xE0-prefixed codes as 0x80|code). */
    public static byte[] qemuExtendedKeyEvent(boolean down, int keysym, int scancode) {
        ByteBuffer b = ByteBuffer.allocate(12);
        b.put((byte) 255).put((byte) 0).putShort((short) (down ? 1 : 0)).putInt(keysym).putInt(scancode);
        return b.array();
    }

    /** SetDesktopSize (251) with one screen covering the whole framebuffer, keeping the server's screen id. */
    public static byte[] setDesktopSize(int width, int height, int screenId, int screenFlags) {
        ByteBuffer b = ByteBuffer.allocate(8 + 16);
        b.put((byte) 251).put((byte) 0).putShort((short) width).putShort((short) height);
        b.put((byte) 1).put((byte) 0);
        b.putInt(screenId).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
                .putInt(screenFlags);
        return b.array();
    }
}
