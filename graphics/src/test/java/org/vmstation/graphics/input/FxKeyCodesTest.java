package org.vmstation.graphics.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

class FxKeyCodesTest {

    @Test
    void lettersDigitsAndFunctionKeysFollowScancodeSet1() {
        assertThat(FxKeyCodes.lookup(KeyCode.A)).isEqualTo(new KeyMapping(0x1E, 'a'));
        assertThat(FxKeyCodes.lookup(KeyCode.Q)).isEqualTo(new KeyMapping(0x10, 'q'));
        assertThat(FxKeyCodes.lookup(KeyCode.Z)).isEqualTo(new KeyMapping(0x2C, 'z'));
        assertThat(FxKeyCodes.lookup(KeyCode.M)).isEqualTo(new KeyMapping(0x32, 'm'));
        assertThat(FxKeyCodes.lookup(KeyCode.DIGIT1)).isEqualTo(new KeyMapping(0x02, '1'));
        assertThat(FxKeyCodes.lookup(KeyCode.DIGIT0)).isEqualTo(new KeyMapping(0x0B, '0'));
        assertThat(FxKeyCodes.lookup(KeyCode.F1)).isEqualTo(new KeyMapping(0x3B, 0xFFBE));
        assertThat(FxKeyCodes.lookup(KeyCode.F10)).isEqualTo(new KeyMapping(0x44, 0xFFC7));
        assertThat(FxKeyCodes.lookup(KeyCode.F11)).isEqualTo(new KeyMapping(0x57, 0xFFC8));
        assertThat(FxKeyCodes.lookup(KeyCode.F12)).isEqualTo(new KeyMapping(0x58, 0xFFC9));
    }

    @Test
    void extendedKeysUseTheHighBitForTheE0Prefix() {
        assertThat(FxKeyCodes.lookup(KeyCode.UP).scancode()).isEqualTo(0xC8);
        assertThat(FxKeyCodes.lookup(KeyCode.DOWN).scancode()).isEqualTo(0xD0);
        assertThat(FxKeyCodes.lookup(KeyCode.LEFT).scancode()).isEqualTo(0xCB);
        assertThat(FxKeyCodes.lookup(KeyCode.RIGHT).scancode()).isEqualTo(0xCD);
        assertThat(FxKeyCodes.lookup(KeyCode.DELETE).scancode()).isEqualTo(0xD3);
        assertThat(FxKeyCodes.lookup(KeyCode.ALT_GRAPH).scancode()).isEqualTo(0xB8);
        assertThat(FxKeyCodes.lookup(KeyCode.DIVIDE).scancode()).isEqualTo(0xB5);
        assertThat(FxKeyCodes.lookup(KeyCode.WINDOWS).scancode()).isEqualTo(0xDB);
    }

    @Test
    void everyKeyOfAUsIsoKeyboardIsMapped() {
        KeyCode[] required = {KeyCode.ESCAPE, KeyCode.BACK_QUOTE, KeyCode.MINUS, KeyCode.EQUALS, KeyCode.BACK_SPACE,
                KeyCode.TAB, KeyCode.OPEN_BRACKET, KeyCode.CLOSE_BRACKET, KeyCode.BACK_SLASH, KeyCode.CAPS,
                KeyCode.SEMICOLON, KeyCode.QUOTE, KeyCode.ENTER, KeyCode.SHIFT, KeyCode.COMMA, KeyCode.PERIOD,
                KeyCode.SLASH, KeyCode.CONTROL, KeyCode.ALT, KeyCode.SPACE, KeyCode.LESS, KeyCode.INSERT,
                KeyCode.HOME, KeyCode.PAGE_UP, KeyCode.END, KeyCode.PAGE_DOWN, KeyCode.PRINTSCREEN,
                KeyCode.SCROLL_LOCK, KeyCode.PAUSE, KeyCode.NUM_LOCK, KeyCode.MULTIPLY, KeyCode.SUBTRACT, KeyCode.ADD,
                KeyCode.DECIMAL, KeyCode.NUMPAD0, KeyCode.NUMPAD9, KeyCode.CONTEXT_MENU};
        for (KeyCode code : required) assertThat(FxKeyCodes.lookup(code)).as(code.toString()).isNotNull();
        for (char c = 'A'; c <= 'Z'; c++) assertThat(FxKeyCodes.lookup(KeyCode.valueOf("" + c))).isNotNull();
        assertThat(FxKeyCodes.lookup(KeyCode.UNDEFINED)).isNull();
    }

    @Test
    void distinctKeysHaveDistinctScancodesExceptKnownAliases() {
        Set<KeyCode> aliases = Set.of(KeyCode.META, KeyCode.COMMAND, KeyCode.CLEAR, KeyCode.KP_UP, KeyCode.KP_DOWN,
                KeyCode.KP_LEFT, KeyCode.KP_RIGHT);
        Set<Integer> seen = new HashSet<>();
        for (Map.Entry<KeyCode, KeyMapping> e : FxKeyCodes.all().entrySet()) {
            if (aliases.contains(e.getKey())) continue;
            assertThat(seen.add(e.getValue().scancode())).as("duplicate scancode for " + e.getKey()).isTrue();
            assertThat(e.getValue().scancode()).isBetween(1, 0xFF);
        }
    }
}
