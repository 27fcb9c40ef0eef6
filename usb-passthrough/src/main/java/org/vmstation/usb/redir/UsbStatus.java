package org.vmstation.usb.redir;

/** usbredir transfer status codes. */
public final class UsbStatus {
    public static final int SUCCESS = 0;
    public static final int CANCELLED = 1;
    public static final int INVAL = 2;
    public static final int IOERROR = 3;
    public static final int STALL = 4;
    public static final int TIMEOUT = 5;
    public static final int BABBLE = 6;

    private UsbStatus() {}
}
