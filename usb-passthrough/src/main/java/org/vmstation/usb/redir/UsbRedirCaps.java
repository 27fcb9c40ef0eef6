package org.vmstation.usb.redir;

/** A set of usbredir capability bits (one 32-bit word covers every capability of protocol 0.7). */
public record UsbRedirCaps(int bits) {
    public static final int BULK_STREAMS = 0;
    public static final int CONNECT_DEVICE_VERSION = 1;
    public static final int FILTER = 2;
    public static final int DEVICE_DISCONNECT_ACK = 3;
    public static final int EP_INFO_MAX_PACKET_SIZE = 4;
    public static final int IDS_64BITS = 5;
    public static final int BULK_LENGTH_32BITS = 6;
    public static final int BULK_RECEIVING = 7;

    public static final UsbRedirCaps NONE = new UsbRedirCaps(0);

    /**
     * What this implementation supports as the device side. Streams, filters and buffered bulk receiving are
     * left out: emulated devices need none of them, and not announcing them keeps the peer from using them.
     */
    public static final UsbRedirCaps OURS = of(CONNECT_DEVICE_VERSION, EP_INFO_MAX_PACKET_SIZE, IDS_64BITS, BULK_LENGTH_32BITS);

    public static UsbRedirCaps of(int... caps) {
        int b = 0;
        for (int c : caps) b |= 1 << c;
        return new UsbRedirCaps(b);
    }

    public boolean has(int cap) { return (bits & (1 << cap)) != 0; }

    /** The capabilities both sides have: what governs the wire format once hellos are exchanged. */
    public UsbRedirCaps and(UsbRedirCaps other) { return new UsbRedirCaps(bits & other.bits); }
}
