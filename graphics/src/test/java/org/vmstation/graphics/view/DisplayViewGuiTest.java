package org.vmstation.graphics.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import javafx.event.Event;
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
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;
import org.vmstation.graphics.rfb.QemuVncServer;
import org.vmstation.graphics.rfb.RfbClient;
import org.vmstation.graphics.rfb.RfbClientOptions;
import org.vmstation.graphics.rfb.RfbSession;

/** Shows a real QEMU console in a window (under Xvfb in CI) and checks what is on screen. */
@Tag("gui")
@Tag("guest")
class DisplayViewGuiTest {

    @TempDir
    Path dir;

    @Test
    void showsTheSeabiosScreenAndForwardsInput() throws Exception {
        FxTestSupport.startToolkit();
        try (QemuVncServer qemu = QemuVncServer.start(dir, false)) {
            RfbSession session = RfbClient.connect(qemu.socket(), RfbClientOptions.defaults());
            assertThat(session.awaitUpdates(1, Duration.ofSeconds(20))).isTrue();

            DisplayView view = FxTestSupport.onFx(DisplayView::new);
            Button elsewhere = FxTestSupport.onFx(() -> new Button("elsewhere"));
            Stage stage = FxTestSupport.onFx(() -> {
                BorderPane root = new BorderPane(view);
                root.setBottom(elsewhere);
                Stage s = new Stage();
                s.setTitle("VMStation console test");
                s.setScene(new Scene(root, 900, 560));
                view.setScalingMode(ScalingMode.FIT_INTEGER);
                view.attach(session);
                s.show();
                view.requestFocus();
                return s;
            });

            // Wait until the rendered image shows SeaBIOS text in 720x400 text mode.
            long deadline = System.currentTimeMillis() + 20_000;
            FramebufferSnapshot shown = null;
            while (System.currentTimeMillis() < deadline) {
                shown = FxTestSupport.onFx(() -> view.currentImage() == null ? null
                        : FxTestSupport.pixels(view.currentImage()));
                if (shown != null && shown.width() == 720 && shown.nonBlackPixels() > 2000) break;
                Thread.sleep(200);
            }
            assertThat(shown).isNotNull();
            assertThat(shown.width()).isEqualTo(720);
            assertThat(shown.nonBlackPixels()).as("SeaBIOS text rendered in the view").isGreaterThan(2000);

            // What a person would see: the whole window.
            FramebufferSnapshot window = FxTestSupport.onFx(() ->
                    FxTestSupport.pixels(stage.getScene().snapshot(null)));
            window.writePng(Path.of("target", "display-view-window.png"));
            assertThat(window.nonBlackPixels()).isGreaterThan(2000);
            assertThat(FxTestSupport.onFx(() -> view.geometry().scale())).isEqualTo(1.0);

            // Keyboard: Ctrl held, then focus moves away -> released; Enter goes through.
            FxTestSupport.runFx(() -> {
                Event.fireEvent(view, key(KeyEvent.KEY_PRESSED, KeyCode.CONTROL, true));
                Event.fireEvent(view, key(KeyEvent.KEY_PRESSED, KeyCode.ENTER, true));
                Event.fireEvent(view, key(KeyEvent.KEY_RELEASED, KeyCode.ENTER, true));
            });
            assertThat(FxTestSupport.onFx(view::heldKeyCount)).isEqualTo(1);
            FxTestSupport.runFx(elsewhere::requestFocus);
            assertThat(FxTestSupport.onFx(view::heldKeyCount)).as("keys released on focus loss").isZero();

            // Mouse: a click inside the image maps to guest coordinates.
            FxTestSupport.runFx(() -> {
                double x = view.geometry().offsetX() + 100;
                double y = view.geometry().offsetY() + 50;
                Event.fireEvent(view, mouse(MouseEvent.MOUSE_MOVED, x, y, false));
                Event.fireEvent(view, mouse(MouseEvent.MOUSE_PRESSED, x, y, true));
                Event.fireEvent(view, mouse(MouseEvent.MOUSE_RELEASED, x, y, false));
            });
            assertThat(FxTestSupport.onFx(() -> view.geometry().toGuestX(view.geometry().offsetX() + 100)))
                    .isEqualTo(100);
            Thread.sleep(300);
            assertThat(session.isOpen()).as("server accepted the input: " + session.closeReason()).isTrue();

            // Full screen and back: the view returns to its place in the window.
            DisplayFullscreen fullscreen = FxTestSupport.onFx(() -> DisplayFullscreen.enter(view));
            assertThat(FxTestSupport.onFx(() -> view.getScene() != stage.getScene())).isTrue();
            FxTestSupport.runFx(fullscreen::exit);
            assertThat(FxTestSupport.onFx(() -> view.getScene() == stage.getScene()
                    && ((BorderPane) stage.getScene().getRoot()).getCenter() == view)).isTrue();

            // The VM going away shows the reason in the overlay.
            qemu.close();
            deadline = System.currentTimeMillis() + 10_000;
            String message = "";
            while (System.currentTimeMillis() < deadline) {
                message = FxTestSupport.onFx(() -> view.statusMessageProperty().get());
                if (message.startsWith("Console closed")) break;
                Thread.sleep(100);
            }
            assertThat(message).startsWith("Console closed: ");
            FramebufferSnapshot closed = FxTestSupport.onFx(() ->
                    FxTestSupport.pixels(stage.getScene().snapshot(null)));
            closed.writePng(Path.of("target", "display-view-closed.png"));
            FxTestSupport.runFx(stage::close);
        }
    }

    private static KeyEvent key(javafx.event.EventType<KeyEvent> type, KeyCode code, boolean ctrl) {
        return new KeyEvent(type, "", "", code, false, ctrl && code != KeyCode.CONTROL ? true : code == KeyCode.CONTROL,
                false, false);
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y, boolean primary) {
        return new MouseEvent(type, x, y, x, y, primary || type == MouseEvent.MOUSE_RELEASED ? MouseButton.PRIMARY
                : MouseButton.NONE, 1, false, false, false, false, primary, false, false, false, false, false, null);
    }
}
