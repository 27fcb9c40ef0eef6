package org.vmstation.usb.host;

/** USB link speeds, as sysfs reports them in Mbit/s and usbredir numbers them on the wire. */
public enum UsbSpeed {
    LOW("1.5", 0),
    FULL("12", 1),
    HIGH("480", 2),
    SUPER("5000", 3),
    SUPER_PLUS("10000", 3),
    SUPER_PLUS_X2("20000", 3),
    UNKNOWN("", 255);

    private final String sysfsValue;
    private final int usbredirCode;

    UsbSpeed(String sysfsValue, int usbredirCode) {
        this.sysfsValue = sysfsValue;
        this.usbredirCode = usbredirCode;
    }

    /** The value of the usbredir {@code device_connect.speed} field. */
    public int usbredirCode() { return usbredirCode; }

    /** Parses sysfs {@code speed} ("480"); anything unknown becomes {@link #UNKNOWN}. */
    public static UsbSpeed fromSysfs(String text) {
        if (text == null) return UNKNOWN;
        String t = text.strip();
        for (UsbSpeed s : values()) {
            if (s != UNKNOWN && s.sysfsValue.equals(t)) return s;
        }
        return UNKNOWN;
    }

    /** "480 Mbit/s", for people. */
    public String describe() {
        return this == UNKNOWN ? "unknown speed" : sysfsValue + " Mbit/s";
    }
}
