package org.vmstation.graphics.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

class KeyboardForwarderTest {

    private final List<String> sent = new ArrayList<>();
    private final KeyboardForwarder keyboard = new KeyboardForwarder((keysym, scancode, down) -> {
        sent.add(Integer.toHexString(scancode) + (down ? " down" : " up"));
        return true;
    });

    @Test
    void pressAndReleaseSendScancodes() {
        assertThat(keyboard.press(KeyCode.A)).isTrue();
        assertThat(keyboard.release(KeyCode.A)).isTrue();
        assertThat(sent).containsExactly("1e down", "1e up");
        assertThat(keyboard.heldCount()).isZero();
    }

    @Test
    void releaseAllLetsGoOfEveryHeldKeyNewestFirst() {
        keyboard.press(KeyCode.CONTROL);
        keyboard.press(KeyCode.ALT);
        keyboard.press(KeyCode.F2);
        keyboard.release(KeyCode.F2);
        sent.clear();

        keyboard.releaseAll();

        assertThat(sent).containsExactly("38 up", "1d up");
        assertThat(keyboard.heldCount()).isZero();
        sent.clear();
        keyboard.releaseAll();
        assertThat(sent).isEmpty();
    }

    @Test
    void autoRepeatIsForwardedButHeldOnce() {
        keyboard.press(KeyCode.SHIFT);
        keyboard.press(KeyCode.SHIFT);
        assertThat(keyboard.heldCount()).isEqualTo(1);
        assertThat(sent).containsExactly("2a down", "2a down");
    }

    @Test
    void tapSendsACombinationAndReleasesInReverse() {
        keyboard.tap(KeyCode.CONTROL, KeyCode.ALT, KeyCode.DELETE);
        assertThat(sent).containsExactly("1d down", "38 down", "d3 down", "d3 up", "38 up", "1d up");
    }

    @Test
    void unmappedKeysAreNotSent() {
        assertThat(keyboard.press(KeyCode.UNDEFINED)).isFalse();
        assertThat(sent).isEmpty();
    }
}
