package org.vmstation.usb.devices;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Byte layouts of the standard USB descriptors (USB 2.0 chapter 9), little-endian. */
public final class UsbDescriptors {
    public static final int DEVICE = 1;
    public static final int CONFIGURATION = 2;
    public static final int STRING = 3;
    public static final int INTERFACE = 4;
    public static final int ENDPOINT = 5;
    public static final int DEVICE_QUALIFIER = 6;

    private UsbDescriptors() {}

    public static byte[] device(int bcdUsb, int cls, int sub, int proto, int maxPacket0, int vendor, int product, int bcdDevice,
                                int iManufacturer, int iProduct, int iSerial) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(18); o.write(DEVICE); u16(o, bcdUsb); o.write(cls); o.write(sub); o.write(proto); o.write(maxPacket0);
        u16(o, vendor); u16(o, product); u16(o, bcdDevice); o.write(iManufacturer); o.write(iProduct); o.write(iSerial); o.write(1);
        return o.toByteArray();
    }

    public static byte[] qualifier(int bcdUsb, int cls, int sub, int proto, int maxPacket0) {
        return new byte[] {10, DEVICE_QUALIFIER, (byte) bcdUsb, (byte) (bcdUsb >> 8), (byte) cls, (byte) sub, (byte) proto, (byte) maxPacket0, 1, 0};
    }

    /** A configuration descriptor followed by {@code parts} (interface and endpoint descriptors). */
    public static byte[] configuration(int value, int numInterfaces, int maxPower2mA, byte[]... parts) {
        int total = 9;
        for (byte[] p : parts) total += p.length;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(9); o.write(CONFIGURATION); u16(o, total); o.write(numInterfaces); o.write(value); o.write(0); o.write(0x80); o.write(maxPower2mA);
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    public static byte[] iface(int number, int numEndpoints, int cls, int sub, int proto) {
        return new byte[] {9, INTERFACE, (byte) number, 0, (byte) numEndpoints, (byte) cls, (byte) sub, (byte) proto, 0};
    }

    public static byte[] endpoint(int address, int attributes, int maxPacket, int interval) {
        return new byte[] {7, ENDPOINT, (byte) address, (byte) attributes, (byte) maxPacket, (byte) (maxPacket >> 8), (byte) interval};
    }

    /** String descriptor 0: the supported language ids (US English). */
    public static byte[] languages() { return new byte[] {4, STRING, 0x09, 0x04}; }

    public static byte[] string(String s) {
        byte[] utf16 = s.getBytes(StandardCharsets.UTF_16LE);
        if (utf16.length > 253) throw new IllegalArgumentException("USB string too long: " + s);
        byte[] d = new byte[utf16.length + 2];
        d[0] = (byte) d.length;
        d[1] = STRING;
        System.arraycopy(utf16, 0, d, 2, utf16.length);
        return d;
    }

    private static void u16(ByteArrayOutputStream o, int v) { o.write(v & 0xff); o.write((v >> 8) & 0xff); }
}
