package org.vmstation.app.gui.e2e;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;

/**
 * Types text as a person does, key by key (press and release, Shift where the US layout needs it): the console
 * forwards physical keys to the guest, not characters, so TestFX's character typing would not reach it.
 */
final class ConsoleKeys {
    private ConsoleKeys() {}

    /** One key stroke: the key and whether Shift is held. */
    record Stroke(KeyCode key, boolean shift) {}

    static List<Stroke> strokes(String text) {
        List<Stroke> out = new ArrayList<>();
        for (char c : text.toCharArray()) out.add(stroke(c));
        return out;
    }

    static Stroke stroke(char c) {
        if (c >= 'a' && c <= 'z') return new Stroke(KeyCode.getKeyCode(String.valueOf(Character.toUpperCase(c))), false);
        if (c >= 'A' && c <= 'Z') return new Stroke(KeyCode.getKeyCode(String.valueOf(c)), true);
        if (c >= '0' && c <= '9') return new Stroke(KeyCode.valueOf("DIGIT" + c), false);
        return switch (c) {
            case ' ' -> new Stroke(KeyCode.SPACE, false);
            case '-' -> new Stroke(KeyCode.MINUS, false);
            case '/' -> new Stroke(KeyCode.SLASH, false);
            case '.' -> new Stroke(KeyCode.PERIOD, false);
            case '>' -> new Stroke(KeyCode.PERIOD, true);
            case '\n' -> new Stroke(KeyCode.ENTER, false);
            default -> throw new IllegalArgumentException("no US-layout key for '" + c + "' (U+"
                    + String.format("%04X", (int) c) + "); expected letters, digits, space, - / . > or newline");
        };
    }

    static void type(FxRobot robot, String text) {
        for (Stroke s : strokes(text)) {
            if (s.shift()) robot.press(KeyCode.SHIFT);
            robot.type(s.key());
            if (s.shift()) robot.release(KeyCode.SHIFT);
        }
    }
}
