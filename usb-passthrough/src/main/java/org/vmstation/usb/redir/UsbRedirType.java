package org.vmstation.usb.redir;

/**
 * usbredir packet type numbers and their type-specific header lengths (from the protocol description,
 * version 0.7). Some lengths depend on capabilities both sides announced; see {@link #headerLength}.
 */
public final class UsbRedirType {
    public static final int HELLO = 0;
    public static final int DEVICE_CONNECT = 1;
    public static final int DEVICE_DISCONNECT = 2;
    public static final int RESET = 3;
    public static final int INTERFACE_INFO = 4;
    public static final int EP_INFO = 5;
    public static final int SET_CONFIGURATION = 6;
    public static final int GET_CONFIGURATION = 7;
    public static final int CONFIGURATION_STATUS = 8;
    public static final int SET_ALT_SETTING = 9;
    public static final int GET_ALT_SETTING = 10;
    public static final int ALT_SETTING_STATUS = 11;
    public static final int START_ISO_STREAM = 12;
    public static final int STOP_ISO_STREAM = 13;
    public static final int ISO_STREAM_STATUS = 14;
    public static final int START_INTERRUPT_RECEIVING = 15;
    public static final int STOP_INTERRUPT_RECEIVING = 16;
    public static final int INTERRUPT_RECEIVING_STATUS = 17;
    public static final int ALLOC_BULK_STREAMS = 18;
    public static final int FREE_BULK_STREAMS = 19;
    public static final int BULK_STREAMS_STATUS = 20;
    public static final int CANCEL_DATA_PACKET = 21;
    public static final int FILTER_REJECT = 22;
    public static final int FILTER_FILTER = 23;
    public static final int DEVICE_DISCONNECT_ACK = 24;
    public static final int START_BULK_RECEIVING = 25;
    public static final int STOP_BULK_RECEIVING = 26;
    public static final int BULK_RECEIVING_STATUS = 27;
    public static final int CONTROL_PACKET = 100;
    public static final int BULK_PACKET = 101;
    public static final int ISO_PACKET = 102;
    public static final int INTERRUPT_PACKET = 103;
    public static final int BUFFERED_BULK_PACKET = 104;

    /** Version string length in hello. */
    public static final int VERSION_LENGTH = 64;

    private UsbRedirType() {}

    /**
     * The type-specific header length for {@code type} under the negotiated capabilities, or -1 for a type
     * number the protocol does not define.
     */
    public static int headerLength(int type, UsbRedirCaps both) {
        return switch (type) {
            case HELLO -> VERSION_LENGTH;
            case DEVICE_CONNECT -> both.has(UsbRedirCaps.CONNECT_DEVICE_VERSION) ? 10 : 8;
            case DEVICE_DISCONNECT, RESET, GET_CONFIGURATION, CANCEL_DATA_PACKET, FILTER_REJECT, FILTER_FILTER,
                 DEVICE_DISCONNECT_ACK -> 0;
            case INTERFACE_INFO -> 4 + 4 * 32;
            case EP_INFO -> 3 * 32 + (both.has(UsbRedirCaps.EP_INFO_MAX_PACKET_SIZE) ? 2 * 32 : 0)
                    + (both.has(UsbRedirCaps.EP_INFO_MAX_PACKET_SIZE) && both.has(UsbRedirCaps.BULK_STREAMS) ? 4 * 32 : 0);
            case SET_CONFIGURATION, GET_ALT_SETTING, STOP_ISO_STREAM, START_INTERRUPT_RECEIVING, STOP_INTERRUPT_RECEIVING -> 1;
            case CONFIGURATION_STATUS, SET_ALT_SETTING, ISO_STREAM_STATUS, INTERRUPT_RECEIVING_STATUS -> 2;
            case ALT_SETTING_STATUS, START_ISO_STREAM -> 3;
            case ALLOC_BULK_STREAMS -> 8;
            case FREE_BULK_STREAMS -> 4;
            case BULK_STREAMS_STATUS -> 9;
            case START_BULK_RECEIVING, BUFFERED_BULK_PACKET -> 10;
            case STOP_BULK_RECEIVING -> 5;
            case BULK_RECEIVING_STATUS -> 6;
            case CONTROL_PACKET -> 10;
            case BULK_PACKET -> both.has(UsbRedirCaps.BULK_LENGTH_32BITS) ? 10 : 8;
            case ISO_PACKET, INTERRUPT_PACKET -> 4;
            default -> -1;
        };
    }

    /** Whether a packet of this type may carry data after its type-specific header. */
    public static boolean mayHaveData(int type) {
        return switch (type) {
            case HELLO, FILTER_FILTER, CONTROL_PACKET, BULK_PACKET, ISO_PACKET, INTERRUPT_PACKET, BUFFERED_BULK_PACKET -> true;
            default -> false;
        };
    }
}
