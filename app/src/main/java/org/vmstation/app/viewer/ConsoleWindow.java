package org.vmstation.app.viewer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.vmstation.graphics.rfb.LedState;
import org.vmstation.graphics.rfb.RfbClient;
import org.vmstation.graphics.rfb.RfbClientOptions;
import org.vmstation.graphics.rfb.RfbSession;
import org.vmstation.graphics.rfb.RfbSessionListener;
import org.vmstation.graphics.rfb.protocol.Encodings;
import org.vmstation.graphics.view.DisplayFullscreen;
import org.vmstation.graphics.view.DisplayView;
import org.vmstation.graphics.view.ScalingMode;

/**
 * The standalone console window of {@code vmstation viewer NAME}: one VM's screen with a small tool bar (scaling,
 * Send Key, full screen). Connects in the background, and reconnects while the window is open when the VM's
 * display goes away (QEMU restarted or the VM was reset), so a person never has to reopen it.
 */
public final class ConsoleWindow {
    private static final javafx.util.Duration RECONNECT_DELAY = javafx.util.Duration.seconds(2);
    /**
     * The display is a UNIX socket on this computer: Raw first. Compressing (ZRLE) costs QEMU's VNC thread and this
     * process CPU time that, under TCG, the guest itself is short of, for bandwidth a local socket has plenty of.
     */
    private static final RfbClientOptions LOCAL_OPTIONS = RfbClientOptions.defaults()
            .withPixelEncodings(Encodings.RAW, Encodings.COPY_RECT, Encodings.ZRLE)
            .withConnectTimeout(Duration.ofSeconds(10));

    private final Stage stage;
    private final Path vncSocket;
    private final DisplayView display = new DisplayView();
    private final Label leds = new Label();
    private final PauseTransition reconnect = new PauseTransition(RECONNECT_DELAY);
    private RfbSession session;
    private boolean closed;

    /** Builds the window on {@code stage} for the VM called {@code vmName}; call on the FX thread, then {@link #show}. */
    public ConsoleWindow(Stage stage, String vmName, Path vncSocket) {
        this.stage = stage;
        this.vncSocket = vncSocket;
        display.setId("viewer-display");
        BorderPane root = new BorderPane(display);
        root.setTop(toolBar());
        stage.setTitle(vmName + " - VMStation console");
        stage.setScene(new Scene(root, 1024, 800));
        stage.setOnHidden(e -> close());
        // Like other viewers, the guest keeps its resolution unless the person asks it to follow the window.
        display.autoResizeProperty().set(false);
        reconnect.setOnFinished(e -> connect());
        display.ledStateProperty().addListener((obs, old, state) -> leds.setText(describe(state)));
    }

    public DisplayView display() {
        return display;
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
        display.requestFocus();
        connect();
    }

    private ToolBar toolBar() {
        ChoiceBox<ScalingMode> scaling = new ChoiceBox<>(FXCollections.observableArrayList(ScalingMode.values()));
        scaling.setId("viewer-scaling");
        scaling.setConverter(new StringConverter<>() {
            @Override public String toString(ScalingMode mode) {
                return mode == null ? "" : switch (mode) {
                    case FIT -> "Fit to window";
                    case FIT_INTEGER -> "Fit, whole multiples";
                    case ONE_TO_ONE -> "1:1";
                };
            }

            @Override public ScalingMode fromString(String s) { return null; }
        });
        scaling.valueProperty().bindBidirectional(display.scalingModeProperty());
        scaling.setFocusTraversable(false);

        MenuButton sendKey = new MenuButton("Send key");
        sendKey.setFocusTraversable(false);
        sendKey.getItems().addAll(
                keys("Ctrl+Alt+Delete", KeyCode.CONTROL, KeyCode.ALT, KeyCode.DELETE),
                keys("Ctrl+Alt+Backspace", KeyCode.CONTROL, KeyCode.ALT, KeyCode.BACK_SPACE),
                keys("Ctrl+Alt+F1", KeyCode.CONTROL, KeyCode.ALT, KeyCode.F1),
                keys("Ctrl+Alt+F2", KeyCode.CONTROL, KeyCode.ALT, KeyCode.F2),
                keys("Ctrl+Alt+F7", KeyCode.CONTROL, KeyCode.ALT, KeyCode.F7),
                keys("Print Screen", KeyCode.PRINTSCREEN),
                keys("Alt+SysRq", KeyCode.ALT, KeyCode.PRINTSCREEN));

        javafx.scene.control.CheckBox follow = new javafx.scene.control.CheckBox("Resize guest with window");
        follow.setFocusTraversable(false);
        follow.selectedProperty().bindBidirectional(display.autoResizeProperty());

        javafx.scene.control.Button fullScreen = new javafx.scene.control.Button("Full screen");
        fullScreen.setFocusTraversable(false);
        fullScreen.setOnAction(e -> DisplayFullscreen.enter(display));
        return new ToolBar(scaling, follow, sendKey, fullScreen, leds);
    }

    private MenuItem keys(String label, KeyCode... combination) {
        MenuItem item = new MenuItem(label);
        item.setOnAction(e -> {
            display.sendKeyCombination(combination);
            display.requestFocus();
        });
        return item;
    }

    private static String describe(LedState state) {
        if (state == null) return "";
        return (state.capsLock() ? "CAPS " : "") + (state.numLock() ? "NUM " : "") + (state.scrollLock() ? "SCROLL" : "");
    }

    private void connect() {
        if (closed) return;
        if (!Files.exists(vncSocket)) {
            display.showStatus("The VM's display is not available (is the VM running?). Retrying...");
            reconnect.playFromStart();
            return;
        }
        display.showStatus("Connecting...");
        RfbClient.connectAsync(vncSocket, LOCAL_OPTIONS)
                .whenComplete((s, error) -> Platform.runLater(() -> {
                    if (closed) {
                        if (s != null) s.close();
                    } else if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        display.showStatus("Cannot connect to the VM's display: " + cause.getMessage() + ". Retrying...");
                        reconnect.playFromStart();
                    } else {
                        attach(s);
                    }
                }));
    }

    private void attach(RfbSession s) {
        boolean first = session == null;
        session = s;
        display.attach(s);
        s.addListener(new RfbSessionListener() {
            @Override public void onClosed(Throwable reason) {
                Platform.runLater(() -> {
                    if (session == s && !closed) reconnect.playFromStart();
                });
            }
        });
        display.requestFocus();
        if (first) fitWindowToGuest(s.framebufferSize().width(), s.framebufferSize().height());
    }

    /** Opens at the guest's size (1:1 needs no scaling) where the screen has room for it. */
    private void fitWindowToGuest(int width, int height) {
        if (width <= 0 || height <= 0 || stage.getScene() == null) return;
        double chromeW = stage.getWidth() - display.getWidth();
        double chromeH = stage.getHeight() - display.getHeight();
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(screen.getWidth(), width + chromeW));
        stage.setHeight(Math.min(screen.getHeight(), height + chromeH));
    }

    /** Closes the connection (the VM keeps running). */
    public void close() {
        if (closed) return;
        closed = true;
        reconnect.stop();
        display.detach();
        if (session != null) session.close();
    }
}
