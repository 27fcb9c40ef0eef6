package org.vmstation.graphics.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import javafx.event.Event;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.graphics.rfb.PointerMode;
import org.vmstation.graphics.rfb.QemuVncServer;
import org.vmstation.graphics.rfb.RfbClient;
import org.vmstation.graphics.rfb.RfbClientOptions;
import org.vmstation.graphics.rfb.RfbSession;

/** A guest with only a relative (PS/2) mouse: clicking grabs the pointer, Ctrl+Alt lets it go. */
@Tag("gui")
@Tag("guest")
class DisplayViewGrabGuiTest {

    @TempDir
    Path dir;

    @Test
    void clickGrabsAndCtrlAltReleases() throws Exception {
        FxTestSupport.startToolkit();
        try (QemuVncServer qemu = QemuVncServer.start(dir, true, false);
             RfbSession session = RfbClient.connect(qemu.socket(), RfbClientOptions.defaults())) {
            assertThat(session.awaitUpdates(1, Duration.ofSeconds(20))).isTrue();
            assertThat(session.pointerMode()).isEqualTo(PointerMode.RELATIVE);

            DisplayView view = FxTestSupport.onFx(DisplayView::new);
            Stage stage = FxTestSupport.onFx(() -> {
                Stage s = new Stage();
                s.setScene(new Scene(new StackPane(view), 700, 520));
                view.attach(session);
                s.show();
                view.requestFocus();
                return s;
            });
            assertThat(FxTestSupport.onFx(() -> view.pointerModeProperty().get())).isEqualTo(PointerMode.RELATIVE);

            FxTestSupport.runFx(() -> Event.fireEvent(view, mouse(MouseEvent.MOUSE_PRESSED, 300, 200)));
            assertThat(FxTestSupport.onFx(view::isGrabbed)).isTrue();
            assertThat(FxTestSupport.onFx(view::getCursor)).isEqualTo(Cursor.NONE);

            // Motion while grabbed becomes relative pointer events (near the edge it also recentres the host pointer).
            FxTestSupport.runFx(() -> {
                Event.fireEvent(view, mouse(MouseEvent.MOUSE_MOVED, 310, 205));
                Event.fireEvent(view, mouse(MouseEvent.MOUSE_MOVED, 5, 5));
            });

            FxTestSupport.runFx(() -> {
                Event.fireEvent(view, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.CONTROL, false, true, false, false));
                Event.fireEvent(view, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ALT, false, true, true, false));
            });
            assertThat(FxTestSupport.onFx(view::isGrabbed)).as("Ctrl+Alt releases the grab").isFalse();
            assertThat(FxTestSupport.onFx(view::heldKeyCount)).as("Ctrl released in the guest").isZero();
            assertThat(FxTestSupport.onFx(view::getCursor)).isNotEqualTo(Cursor.NONE);
            Thread.sleep(300);
            assertThat(session.isOpen()).as("closed: " + session.closeReason()).isTrue();
            FxTestSupport.runFx(stage::close);
        }
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y) {
        boolean pressed = type == MouseEvent.MOUSE_PRESSED;
        return new MouseEvent(type, x, y, x, y, pressed ? MouseButton.PRIMARY : MouseButton.NONE, 1,
                false, false, false, false, pressed, false, false, false, false, false, null);
    }
}
