package org.vmstation.usb.redir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.vmstation.usb.redir.UsbRedirPacket.*;

/**
 * Converts between {@link UsbRedirFrame}s and {@link UsbRedirPacket}s under the capabilities both sides
 * announced. Every body is checked against its type's header length before a field is read.
 */
public final class UsbRedirCodec {
    private volatile UsbRedirCaps both = UsbRedirCaps.NONE;

    /** Sets the capabilities common to both sides (after the hellos). */
    public void negotiated(UsbRedirCaps common) { both = common; }

    public UsbRedirCaps negotiated() { return both; }

    public UsbRedirPacket decode(UsbRedirFrame frame) throws UsbRedirProtocolException {
        int type = frame.type();
        byte[] body = frame.body();
        int hl = UsbRedirType.headerLength(type, both);
        if (hl < 0) throw new UsbRedirProtocolException("unknown usbredir packet type " + type + " (id " + frame.id() + ")");
        if (body.length < hl) {
            throw new UsbRedirProtocolException("usbredir packet type " + type + " has " + body.length
                    + " bytes; its header alone needs " + hl);
        }
        if (body.length > hl && !UsbRedirType.mayHaveData(type)) {
            throw new UsbRedirProtocolException("usbredir packet type " + type + " carries " + (body.length - hl)
                    + " data bytes; that type has none");
        }
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        byte[] data = Arrays.copyOfRange(body, hl, body.length);
        return switch (type) {
            case UsbRedirType.HELLO -> {
                byte[] v = new byte[UsbRedirType.VERSION_LENGTH];
                b.get(v);
                int nul = 0;
                while (nul < v.length && v[nul] != 0) nul++;
                if (data.length % 4 != 0) throw new UsbRedirProtocolException("usbredir hello capabilities are " + data.length + " bytes, not whole 32-bit words");
                int caps = data.length >= 4 ? b.getInt() : 0;
                yield new Hello(new String(v, 0, nul, StandardCharsets.US_ASCII), new UsbRedirCaps(caps));
            }
            case UsbRedirType.DEVICE_CONNECT -> new DeviceConnect(u8(b), u8(b), u8(b), u8(b), u16(b), u16(b), hl == 10 ? u16(b) : 0);
            case UsbRedirType.DEVICE_DISCONNECT -> new DeviceDisconnect();
            case UsbRedirType.DEVICE_DISCONNECT_ACK -> new DeviceDisconnectAck();
            case UsbRedirType.RESET -> new Reset();
            case UsbRedirType.INTERFACE_INFO -> {
                long count = Integer.toUnsignedLong(b.getInt());
                if (count > 32) throw new UsbRedirProtocolException("usbredir interface_info claims " + count + " interfaces; at most 32");
                int n = (int) count;
                int[][] arrays = new int[4][n];
                for (int a = 0; a < 4; a++) {
                    for (int i = 0; i < 32; i++) {
                        int v = u8(b);
                        if (i < n) arrays[a][i] = v;
                    }
                }
                yield new InterfaceInfo(arrays[0], arrays[1], arrays[2], arrays[3]);
            }
            case UsbRedirType.EP_INFO -> {
                int[] t = u8s(b), iv = u8s(b), ifc = u8s(b), mps = new int[32];
                if (hl >= 160) for (int i = 0; i < 32; i++) mps[i] = u16(b);
                yield new EpInfo(t, iv, ifc, mps);
            }
            case UsbRedirType.SET_CONFIGURATION -> new SetConfiguration(u8(b));
            case UsbRedirType.GET_CONFIGURATION -> new GetConfiguration();
            case UsbRedirType.CONFIGURATION_STATUS -> new ConfigurationStatus(u8(b), u8(b));
            case UsbRedirType.SET_ALT_SETTING -> new SetAltSetting(u8(b), u8(b));
            case UsbRedirType.GET_ALT_SETTING -> new GetAltSetting(u8(b));
            case UsbRedirType.ALT_SETTING_STATUS -> new AltSettingStatus(u8(b), u8(b), u8(b));
            case UsbRedirType.START_INTERRUPT_RECEIVING -> new StartInterruptReceiving(u8(b));
            case UsbRedirType.STOP_INTERRUPT_RECEIVING -> new StopInterruptReceiving(u8(b));
            case UsbRedirType.INTERRUPT_RECEIVING_STATUS -> new InterruptReceivingStatus(u8(b), u8(b));
            case UsbRedirType.CANCEL_DATA_PACKET -> new CancelDataPacket();
            case UsbRedirType.CONTROL_PACKET -> new ControlPacket(u8(b), u8(b), u8(b), u8(b), u16(b), u16(b), u16(b), data);
            case UsbRedirType.BULK_PACKET -> {
                int ep = u8(b), st = u8(b);
                long len = u16(b);
                long stream = Integer.toUnsignedLong(b.getInt());
                if (hl == 10) len |= (long) u16(b) << 16;
                yield new BulkPacket(ep, st, len, stream, data);
            }
            case UsbRedirType.INTERRUPT_PACKET -> new InterruptPacket(u8(b), u8(b), u16(b), data);
            default -> new Unsupported(type, body);
        };
    }

    /** The frame body for {@code packet} (header fields sized by the negotiated capabilities). */
    public UsbRedirFrame encode(UsbRedirPacket packet, long id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int type;
        switch (packet) {
            case Hello h -> {
                type = UsbRedirType.HELLO;
                byte[] v = Arrays.copyOf(h.version().getBytes(StandardCharsets.US_ASCII), UsbRedirType.VERSION_LENGTH);
                v[UsbRedirType.VERSION_LENGTH - 1] = 0;
                out.writeBytes(v);
                u32(out, h.caps().bits());
            }
            case DeviceConnect c -> {
                type = UsbRedirType.DEVICE_CONNECT;
                out.write(c.speed()); out.write(c.deviceClass()); out.write(c.deviceSubclass()); out.write(c.deviceProtocol());
                u16(out, c.vendorId()); u16(out, c.productId());
                if (both.has(UsbRedirCaps.CONNECT_DEVICE_VERSION)) u16(out, c.deviceVersionBcd());
            }
            case DeviceDisconnect d -> type = UsbRedirType.DEVICE_DISCONNECT;
            case DeviceDisconnectAck d -> type = UsbRedirType.DEVICE_DISCONNECT_ACK;
            case Reset r -> type = UsbRedirType.RESET;
            case InterfaceInfo i -> {
                type = UsbRedirType.INTERFACE_INFO;
                u32(out, i.number().length);
                for (int[] a : new int[][] {i.number(), i.interfaceClass(), i.subclass(), i.protocol()}) {
                    for (int k = 0; k < 32; k++) out.write(k < a.length ? a[k] : 0);
                }
            }
            case EpInfo e -> {
                type = UsbRedirType.EP_INFO;
                for (int[] a : new int[][] {e.type(), e.interval(), e.iface()}) for (int v : a) out.write(v);
                if (both.has(UsbRedirCaps.EP_INFO_MAX_PACKET_SIZE)) for (int v : e.maxPacketSize()) u16(out, v);
                if (both.has(UsbRedirCaps.EP_INFO_MAX_PACKET_SIZE) && both.has(UsbRedirCaps.BULK_STREAMS)) for (int k = 0; k < 32; k++) u32(out, 0);
            }
            case SetConfiguration s -> { type = UsbRedirType.SET_CONFIGURATION; out.write(s.configuration()); }
            case GetConfiguration g -> type = UsbRedirType.GET_CONFIGURATION;
            case ConfigurationStatus s -> { type = UsbRedirType.CONFIGURATION_STATUS; out.write(s.status()); out.write(s.configuration()); }
            case SetAltSetting s -> { type = UsbRedirType.SET_ALT_SETTING; out.write(s.iface()); out.write(s.alt()); }
            case GetAltSetting g -> { type = UsbRedirType.GET_ALT_SETTING; out.write(g.iface()); }
            case AltSettingStatus s -> { type = UsbRedirType.ALT_SETTING_STATUS; out.write(s.status()); out.write(s.iface()); out.write(s.alt()); }
            case StartInterruptReceiving s -> { type = UsbRedirType.START_INTERRUPT_RECEIVING; out.write(s.endpoint()); }
            case StopInterruptReceiving s -> { type = UsbRedirType.STOP_INTERRUPT_RECEIVING; out.write(s.endpoint()); }
            case InterruptReceivingStatus s -> { type = UsbRedirType.INTERRUPT_RECEIVING_STATUS; out.write(s.status()); out.write(s.endpoint()); }
            case CancelDataPacket c -> type = UsbRedirType.CANCEL_DATA_PACKET;
            case ControlPacket c -> {
                type = UsbRedirType.CONTROL_PACKET;
                out.write(c.endpoint()); out.write(c.request()); out.write(c.requestType()); out.write(c.status());
                u16(out, c.value()); u16(out, c.index()); u16(out, c.length());
                out.writeBytes(c.data());
            }
            case BulkPacket p -> {
                type = UsbRedirType.BULK_PACKET;
                boolean wide = both.has(UsbRedirCaps.BULK_LENGTH_32BITS);
                if (p.length() > (wide ? 0xffffffffL : 0xffff)) throw new IllegalArgumentException("bulk length " + p.length() + " does not fit the negotiated header");
                out.write(p.endpoint()); out.write(p.status());
                u16(out, (int) (p.length() & 0xffff));
                u32(out, (int) p.streamId());
                if (wide) u16(out, (int) (p.length() >>> 16));
                out.writeBytes(p.data());
            }
            case InterruptPacket p -> {
                type = UsbRedirType.INTERRUPT_PACKET;
                out.write(p.endpoint()); out.write(p.status()); u16(out, p.length());
                out.writeBytes(p.data());
            }
            case Unsupported u -> { type = u.type(); out.writeBytes(u.body()); }
        }
        return new UsbRedirFrame(type, id, out.toByteArray());
    }

    /** The full wire bytes of a frame with a 32-bit or 64-bit id header. */
    public static byte[] toWire(UsbRedirFrame frame, boolean ids64) {
        ByteBuffer b = ByteBuffer.allocate((ids64 ? 16 : 12) + frame.body().length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(frame.type()).putInt(frame.body().length);
        if (ids64) b.putLong(frame.id()); else b.putInt((int) frame.id());
        b.put(frame.body());
        return b.array();
    }

    private static int u8(ByteBuffer b) { return b.get() & 0xff; }

    private static int u16(ByteBuffer b) { return b.getShort() & 0xffff; }

    private static int[] u8s(ByteBuffer b) {
        int[] a = new int[32];
        for (int i = 0; i < 32; i++) a[i] = u8(b);
        return a;
    }

    private static void u16(ByteArrayOutputStream out, int v) { out.write(v & 0xff); out.write((v >>> 8) & 0xff); }

    private static void u32(ByteArrayOutputStream out, int v) { u16(out, v & 0xffff); u16(out, v >>> 16); }
}
