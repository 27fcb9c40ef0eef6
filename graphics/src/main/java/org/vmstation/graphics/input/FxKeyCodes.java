package org.vmstation.graphics.input;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.input.KeyCode;

/**
 * JavaFX {@link KeyCode} to PC scancode (set 1) and US-layout keysym. JavaFX reports the key by the character it
 * types on the host layout and does not say left or right, so modifiers map to their left-hand keys (AltGr to
 * right Alt); on non-US host layouts the guest should use the same layout as the host.
 */
public final class FxKeyCodes {

    private static final Map<KeyCode, KeyMapping> MAP = new EnumMap<>(KeyCode.class);

    private FxKeyCodes() {
    }

    private static void put(KeyCode code, int scancode, int keysym) {
        MAP.put(code, new KeyMapping(scancode, keysym));
    }

    static {
        put(KeyCode.ESCAPE, 0x01, 0xFF1B);
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9, KeyCode.DIGIT0};
        for (int i = 0; i < digits.length; i++) put(digits[i], 0x02 + i, i == 9 ? '0' : '1' + i);
        put(KeyCode.MINUS, 0x0C, '-');
        put(KeyCode.EQUALS, 0x0D, '=');
        put(KeyCode.BACK_SPACE, 0x0E, 0xFF08);
        put(KeyCode.TAB, 0x0F, 0xFF09);
        letters("QWERTYUIOP", 0x10);
        put(KeyCode.OPEN_BRACKET, 0x1A, '[');
        put(KeyCode.CLOSE_BRACKET, 0x1B, ']');
        put(KeyCode.ENTER, 0x1C, 0xFF0D);
        put(KeyCode.CONTROL, 0x1D, 0xFFE3);
        letters("ASDFGHJKL", 0x1E);
        put(KeyCode.SEMICOLON, 0x27, ';');
        put(KeyCode.QUOTE, 0x28, '\'');
        put(KeyCode.BACK_QUOTE, 0x29, '`');
        put(KeyCode.SHIFT, 0x2A, 0xFFE1);
        put(KeyCode.BACK_SLASH, 0x2B, '\\');
        letters("ZXCVBNM", 0x2C);
        put(KeyCode.COMMA, 0x33, ',');
        put(KeyCode.PERIOD, 0x34, '.');
        put(KeyCode.SLASH, 0x35, '/');
        put(KeyCode.MULTIPLY, 0x37, 0xFFAA);
        put(KeyCode.ALT, 0x38, 0xFFE9);
        put(KeyCode.SPACE, 0x39, ' ');
        put(KeyCode.CAPS, 0x3A, 0xFFE5);
        KeyCode[] f = {KeyCode.F1, KeyCode.F2, KeyCode.F3, KeyCode.F4, KeyCode.F5, KeyCode.F6, KeyCode.F7, KeyCode.F8,
                KeyCode.F9, KeyCode.F10};
        for (int i = 0; i < f.length; i++) put(f[i], 0x3B + i, 0xFFBE + i);
        put(KeyCode.NUM_LOCK, 0x45, 0xFF7F);
        put(KeyCode.SCROLL_LOCK, 0x46, 0xFF14);
        put(KeyCode.NUMPAD7, 0x47, 0xFFB7);
        put(KeyCode.NUMPAD8, 0x48, 0xFFB8);
        put(KeyCode.NUMPAD9, 0x49, 0xFFB9);
        put(KeyCode.SUBTRACT, 0x4A, 0xFFAD);
        put(KeyCode.NUMPAD4, 0x4B, 0xFFB4);
        put(KeyCode.NUMPAD5, 0x4C, 0xFFB5);
        put(KeyCode.CLEAR, 0x4C, 0xFF9D); // keypad 5 with NumLock off
        put(KeyCode.NUMPAD6, 0x4D, 0xFFB6);
        put(KeyCode.ADD, 0x4E, 0xFFAB);
        put(KeyCode.NUMPAD1, 0x4F, 0xFFB1);
        put(KeyCode.NUMPAD2, 0x50, 0xFFB2);
        put(KeyCode.NUMPAD3, 0x51, 0xFFB3);
        put(KeyCode.NUMPAD0, 0x52, 0xFFB0);
        put(KeyCode.DECIMAL, 0x53, 0xFFAE);
        put(KeyCode.LESS, 0x56, '<'); // the extra key left of Z on ISO keyboards
        put(KeyCode.F11, 0x57, 0xFFC8);
        put(KeyCode.F12, 0x58, 0xFFC9);
        KeyCode[] fHigh = {KeyCode.F13, KeyCode.F14, KeyCode.F15, KeyCode.F16, KeyCode.F17, KeyCode.F18, KeyCode.F19,
                KeyCode.F20, KeyCode.F21, KeyCode.F22, KeyCode.F23};
        for (int i = 0; i < fHigh.length; i++) put(fHigh[i], 0x64 + i, 0xFFCA + i);
        put(KeyCode.F24, 0x76, 0xFFD5);
        put(KeyCode.KANA, 0x70, 0xFF2D);
        put(KeyCode.CONVERT, 0x79, 0xFF23);
        put(KeyCode.NONCONVERT, 0x7B, 0xFF22);
        // 0xE0-prefixed keys
        put(KeyCode.MUTE, 0xA0, 0x1008FF12);
        put(KeyCode.VOLUME_DOWN, 0xAE, 0x1008FF11);
        put(KeyCode.VOLUME_UP, 0xB0, 0x1008FF13);
        put(KeyCode.DIVIDE, 0xB5, 0xFFAF);
        put(KeyCode.PRINTSCREEN, 0xB7, 0xFF61);
        put(KeyCode.ALT_GRAPH, 0xB8, 0xFE03);
        put(KeyCode.PAUSE, 0xC6, 0xFF13);
        put(KeyCode.HOME, 0xC7, 0xFF50);
        put(KeyCode.UP, 0xC8, 0xFF52);
        put(KeyCode.PAGE_UP, 0xC9, 0xFF55);
        put(KeyCode.LEFT, 0xCB, 0xFF51);
        put(KeyCode.RIGHT, 0xCD, 0xFF53);
        put(KeyCode.END, 0xCF, 0xFF57);
        put(KeyCode.DOWN, 0xD0, 0xFF54);
        put(KeyCode.PAGE_DOWN, 0xD1, 0xFF56);
        put(KeyCode.INSERT, 0xD2, 0xFF63);
        put(KeyCode.DELETE, 0xD3, 0xFFFF);
        put(KeyCode.WINDOWS, 0xDB, 0xFFEB);
        put(KeyCode.META, 0xDB, 0xFFEB);
        put(KeyCode.COMMAND, 0xDB, 0xFFEB);
        put(KeyCode.CONTEXT_MENU, 0xDD, 0xFF67);
        // Keypad navigation as delivered with NumLock off: same physical keys as the digits.
        put(KeyCode.KP_UP, 0x48, 0xFF97);
        put(KeyCode.KP_DOWN, 0x50, 0xFF99);
        put(KeyCode.KP_LEFT, 0x4B, 0xFF96);
        put(KeyCode.KP_RIGHT, 0x4D, 0xFF98);
    }

    private static void letters(String row, int firstScancode) {
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            put(KeyCode.valueOf(String.valueOf(c)), firstScancode + i, Character.toLowerCase(c));
        }
    }

    /** The mapping for {@code code}, or null if the key has no PC equivalent (e.g. {@link KeyCode#UNDEFINED}). */
    public static KeyMapping lookup(KeyCode code) {
        return MAP.get(code);
    }

    /** Every mapped key code; for tests and diagnostics. */
    public static Map<KeyCode, KeyMapping> all() {
        return Map.copyOf(MAP);
    }
}
