package org.vmstation.graphics.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.event.Event;
import javafx.event.EventType;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.guest.GuestSerial;
import org.vmstation.graphics.guest.ConsoleGuest;
import org.vmstation.graphics.rfb.RfbClient;
import org.vmstation.graphics.rfb.RfbClientOptions;
import org.vmstation.graphics.rfb.RfbSession;

/**
 * Input truth: key and pointer events given to the {@link DisplayView} (as JavaFX delivers them) reach the
 * guest's kernel as the expected Linux input events, which the guest's probe prints on the serial console.
 */
@Tag("gui")
@Tag("guest")
class InputTruthGuiTest {
    // Linux key codes (linux/input-event-codes.h)
    private static final int KEY_Q = 16, KEY_A = 30, KEY_T = 20, KEY_2 = 3, KEY_LEFTSHIFT = 42, KEY_LEFTCTRL = 29,
            KEY_LEFTALT = 56, KEY_RIGHTALT = 100, KEY_LEFTMETA = 125, KEY_KP7 = 71, KEY_UP = 103, KEY_DELETE = 111,
            KEY_F11 = 87;
    private static final int EV_KEY = 1, EV_ABS = 3, ABS_X = 0, ABS_Y = 1;

    @TempDir Path dir;

    record Event3(String device, int type, int code, int value) {}

    @Test
    void keysAndPointerArriveInTheGuestAsSentAndNothingStaysPressed() throws Exception {
        FxTestSupport.startToolkit();
        try (ConsoleGuest guest = ConsoleGuest.boot(dir);
             RfbSession session = RfbClient.connect(guest.vncSocket(), RfbClientOptions.defaults())) {
            assertThat(session.awaitUpdates(1, Duration.ofSeconds(30))).isTrue();
            assertThat(session.supportsExtendedKeyEvents()).isTrue();
            GuestSerial serial = guest.serial();
            // The guest loads its USB drivers in the background: the tablet may enumerate after the ready marker,
            // so restart the probe until it lists the tablet.
            List<String> devices = serial.run("vmstation-input start", Duration.ofSeconds(60));
            for (int attempt = 0; attempt < 20 && devices.stream().noneMatch(l -> l.contains("Tablet")); attempt++) {
                Thread.sleep(500);
                devices = serial.run("vmstation-input start", Duration.ofSeconds(60));
            }
            String keyboard = deviceNamed(devices, "AT Translated Set 2 keyboard");
            String tablet = deviceNamed(devices, "Tablet");

            DisplayView view = FxTestSupport.onFx(DisplayView::new);
            Button elsewhere = FxTestSupport.onFx(() -> new Button("elsewhere"));
            Stage stage = FxTestSupport.onFx(() -> {
                BorderPane root = new BorderPane(view);
                root.setBottom(elsewhere);
                Stage s = new Stage();
                s.setScene(new Scene(root, 900, 640));
                view.autoResizeProperty().set(false); // the guest keeps 1280x800, so the view scales it to fit
                view.setScalingMode(ScalingMode.FIT);
                view.attach(session);
                s.show();
                view.requestFocus();
                return s;
            });
            try {
                long deadline = System.currentTimeMillis() + 30_000;
                while (FxTestSupport.onFx(() -> view.geometry().guestWidth()) != 1280 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                DisplayGeometry g = FxTestSupport.onFx(view::geometry);
                assertThat(g.guestWidth()).isEqualTo(1280);
                assertThat(g.scale()).isLessThan(1.0);

                // Shifted, AltGr and modifier combinations, numpad, E0-prefixed keys.
                int mark = serial.mark();
                FxTestSupport.runFx(() -> {
                    combo(view, KeyCode.SHIFT, KeyCode.A);
                    combo(view, KeyCode.ALT_GRAPH, KeyCode.Q);
                    combo(view, KeyCode.CONTROL, KeyCode.ALT, KeyCode.T);
                    combo(view, KeyCode.SHIFT, KeyCode.DIGIT2);
                    combo(view, KeyCode.WINDOWS);
                    combo(view, KeyCode.NUMPAD7);
                    combo(view, KeyCode.UP);
                    combo(view, KeyCode.DELETE);
                    combo(view, KeyCode.F11);
                });
                List<int[]> expected = new ArrayList<>();
                press(expected, KEY_LEFTSHIFT, KEY_A);
                press(expected, KEY_RIGHTALT, KEY_Q);
                press(expected, KEY_LEFTCTRL, KEY_LEFTALT, KEY_T);
                press(expected, KEY_LEFTSHIFT, KEY_2);
                press(expected, KEY_LEFTMETA);
                press(expected, KEY_KP7);
                press(expected, KEY_UP);
                press(expected, KEY_DELETE);
                press(expected, KEY_F11);
                List<String> keys = awaitKeys(serial, mark, keyboard, expected.size());
                assertThat(keys).containsExactlyElementsOf(expected.stream().map(e -> e[0] + "/" + e[1]).toList());

                // Absolute pointer in fit mode: a view point lands on the guest pixel under it, scaled by QEMU to
                // the tablet's 0..32767 range.
                for (int[] guestPoint : new int[][] {{640, 400}, {1000, 700}, {17, 5}}) {
                    double vx = g.offsetX() + (guestPoint[0] + 0.5) * g.scale();
                    double vy = g.offsetY() + (guestPoint[1] + 0.5) * g.scale();
                    mark = serial.mark();
                    FxTestSupport.runFx(() -> Event.fireEvent(view, mouse(MouseEvent.MOUSE_MOVED, vx, vy)));
                    int absX = awaitAbs(serial, mark, tablet, ABS_X);
                    int absY = awaitAbs(serial, mark, tablet, ABS_Y);
                    assertThat(Math.abs(absX - guestPoint[0] * 32767.0 / 1280)).as("ABS_X for guest x " + guestPoint[0])
                            .isLessThanOrEqualTo(32767.0 / 1280);
                    assertThat(Math.abs(absY - guestPoint[1] * 32767.0 / 800)).as("ABS_Y for guest y " + guestPoint[1])
                            .isLessThanOrEqualTo(32767.0 / 800);
                }

                // Focus leaves while Ctrl and Shift are held: the guest sees both released.
                mark = serial.mark();
                FxTestSupport.runFx(() -> {
                    Event.fireEvent(view, key(KeyEvent.KEY_PRESSED, KeyCode.CONTROL));
                    Event.fireEvent(view, key(KeyEvent.KEY_PRESSED, KeyCode.SHIFT));
                });
                assertThat(FxTestSupport.onFx(view::heldKeyCount)).isEqualTo(2);
                FxTestSupport.runFx(elsewhere::requestFocus);
                assertThat(FxTestSupport.onFx(view::heldKeyCount)).isZero();
                List<String> released = awaitKeys(serial, mark, keyboard, 4);
                assertThat(released).containsExactly(KEY_LEFTCTRL + "/1", KEY_LEFTSHIFT + "/1",
                        KEY_LEFTSHIFT + "/0", KEY_LEFTCTRL + "/0");
            } finally {
                FxTestSupport.runFx(stage::close);
                serial.run("vmstation-input stop", Duration.ofSeconds(30));
            }
        }
    }

    private static String deviceNamed(List<String> probeOutput, String namePart) {
        return probeOutput.stream().filter(l -> l.startsWith("VMSTATION-INPUT-DEVICE ") && l.contains(namePart))
                .map(l -> l.split(" ")[1]).findFirst()
                .orElseThrow(() -> new AssertionError("no input device named '" + namePart + "' in " + probeOutput));
    }

    /** Parses "VMSTATION-INPUT eventN <timestamp> TYPE CODE VALUE" (the last three fields are the event). */
    private static Event3 parse(String line) {
        String[] f = line.trim().split("\\s+");
        return new Event3(f[1], Integer.parseInt(f[f.length - 3]), Integer.parseInt(f[f.length - 2]),
                Integer.parseInt(f[f.length - 1]));
    }

    private static List<Event3> events(GuestSerial serial, int mark, String device) {
        return serial.linesSince(mark, l -> l.startsWith("VMSTATION-INPUT " + device + " ")).stream()
                .map(InputTruthGuiTest::parse).toList();
    }

    /** Key presses and releases ("code/value"); auto-repeats (value 2) depend on guest timing and are left out. */
    private static List<String> awaitKeys(GuestSerial serial, int mark, String device, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> keys;
        do {
            keys = events(serial, mark, device).stream().filter(e -> e.type() == EV_KEY && e.value() != 2)
                    .map(e -> e.code() + "/" + e.value()).toList();
            if (keys.size() >= count) return keys;
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("guest saw only " + keys + " of " + count + " key events; serial:\n" + serial.tail());
    }

    private static int awaitAbs(GuestSerial serial, int mark, String device, int axis) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            List<Event3> abs = events(serial, mark, device).stream().filter(e -> e.type() == EV_ABS && e.code() == axis).toList();
            if (!abs.isEmpty()) return abs.getLast().value();
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("guest saw no ABS axis " + axis + " event; serial:\n" + serial.tail());
    }

    private static void press(List<int[]> expected, int... codes) {
        for (int c : codes) expected.add(new int[] {c, 1});
        for (int i = codes.length - 1; i >= 0; i--) expected.add(new int[] {codes[i], 0});
    }

    /** Presses the keys in order and releases them in reverse, as a person's fingers do. */
    private static void combo(DisplayView view, KeyCode... codes) {
        for (KeyCode c : codes) Event.fireEvent(view, key(KeyEvent.KEY_PRESSED, c));
        for (int i = codes.length - 1; i >= 0; i--) Event.fireEvent(view, key(KeyEvent.KEY_RELEASED, codes[i]));
    }

    private static KeyEvent key(EventType<KeyEvent> type, KeyCode code) {
        return new KeyEvent(type, "", "", code, false, false, false, false);
    }

    private static MouseEvent mouse(EventType<MouseEvent> type, double x, double y) {
        return new MouseEvent(type, x, y, x, y, MouseButton.NONE, 0, false, false, false, false, false, false, false,
                false, false, false, null);
    }
}
