package org.vmstation.graphics.rfb.protocol;

/** Encoding and pseudo-encoding numbers from the RFB specification and QEMU's extensions. */
public final class Encodings {

    private Encodings() {
    }

    public static final int RAW = 0;
    public static final int COPY_RECT = 1;
    public static final int ZRLE = 16;

    public static final int CURSOR = -239;
    public static final int ALPHA_CURSOR = -314;
    public static final int DESKTOP_SIZE = -223;
    public static final int LAST_RECT = -224;
    public static final int EXTENDED_DESKTOP_SIZE = -308;
    public static final int QEMU_POINTER_TYPE_CHANGE = -257;
    public static final int QEMU_EXTENDED_KEY_EVENT = -258;
    public static final int QEMU_LED_STATE = -261;
    public static final int EXTENDED_CLIPBOARD = 0xC0A1E5CE;

    public static String name(int encoding) {
        return switch (encoding) {
            case RAW -> "Raw";
            case COPY_RECT -> "CopyRect";
            case ZRLE -> "ZRLE";
            case CURSOR -> "Cursor";
            case ALPHA_CURSOR -> "AlphaCursor";
            case DESKTOP_SIZE -> "DesktopSize";
            case LAST_RECT -> "LastRect";
            case EXTENDED_DESKTOP_SIZE -> "ExtendedDesktopSize";
            case QEMU_POINTER_TYPE_CHANGE -> "QEMUPointerTypeChange";
            case QEMU_EXTENDED_KEY_EVENT -> "QEMUExtendedKeyEvent";
            case QEMU_LED_STATE -> "QEMULedState";
            default -> "encoding " + encoding;
        };
    }
}
