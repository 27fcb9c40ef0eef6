package org.vmstation.usb.redir;

/**
 * The outcome of one transfer on a device: a {@link UsbStatus} code, the data for IN transfers, and the number of
 * bytes transferred (for OUT transfers, how many were accepted).
 */
public record TransferResult(int status, byte[] data, int length) {
    private static final byte[] NONE = new byte[0];

    public TransferResult {
        data = data == null ? NONE : data;
    }

    public static TransferResult in(byte[] data) { return new TransferResult(UsbStatus.SUCCESS, data, data.length); }

    public static TransferResult out(int accepted) { return new TransferResult(UsbStatus.SUCCESS, NONE, accepted); }

    public static TransferResult stall() { return new TransferResult(UsbStatus.STALL, NONE, 0); }

    public static TransferResult error(int status) { return new TransferResult(status, NONE, 0); }
}
