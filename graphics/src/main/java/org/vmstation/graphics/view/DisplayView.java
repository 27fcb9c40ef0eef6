package org.vmstation.graphics.view;

import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.robot.Robot;
import javafx.util.Duration;
import org.vmstation.graphics.framebuffer.DamageRect;
import org.vmstation.graphics.framebuffer.Framebuffer;
import org.vmstation.graphics.input.KeyboardForwarder;
import org.vmstation.graphics.input.PointerButtons;
import org.vmstation.graphics.rfb.CursorImage;
import org.vmstation.graphics.rfb.LedState;
import org.vmstation.graphics.rfb.PointerMode;
import org.vmstation.graphics.rfb.RfbSession;
import org.vmstation.graphics.rfb.RfbSessionListener;

/**
 * The VM console: shows an {@link RfbSession}'s screen and sends keyboard and mouse input to it.
 *
 * <p>Rendering: the session's reader thread decodes into the {@link Framebuffer}; this view is only told that
 * something changed, and at most once per pulse copies the damaged rectangle into a {@code PixelBuffer}. The FX
 * thread never waits on the socket.
 *
 * <p>Input: keys go to the guest as PC scancodes while the view has focus; all held keys are released when focus
 * is lost. The mouse is sent in guest coordinates. With a relative-pointer guest, clicking grabs the mouse;
 * the host key (Ctrl+Alt unless {@link #setReleaseGrabKey} sets another) releases a grab.
 */
public final class DisplayView extends Region {

    private static final Duration RESIZE_DEBOUNCE = Duration.millis(300);

    private final ImageView imageView = new ImageView();
    private final Label status = new Label("No console");
    private final FramebufferImage framebufferImage = new FramebufferImage();
    private final AtomicBoolean renderQueued = new AtomicBoolean();
    private final ObjectProperty<ScalingMode> scalingMode = new SimpleObjectProperty<>(this, "scalingMode", ScalingMode.FIT);
    private final BooleanProperty autoResize = new SimpleBooleanProperty(this, "autoResize", true);
    private final BooleanProperty grabbed = new SimpleBooleanProperty(this, "grabbed", false);
    private final ReadOnlyObjectWrapper<LedState> ledState = new ReadOnlyObjectWrapper<>(this, "ledState");
    private final ReadOnlyObjectWrapper<PointerMode> pointerMode =
            new ReadOnlyObjectWrapper<>(this, "pointerMode", PointerMode.ABSOLUTE);
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "No console");
    private final PauseTransition resizeDebounce = new PauseTransition(RESIZE_DEBOUNCE);
    private final KeyboardForwarder keyboard = new KeyboardForwarder(this::sendKey);
    private final SessionEvents sessionEvents = new SessionEvents();

    private RfbSession session;
    private DisplayGeometry geometry = DisplayGeometry.compute(ScalingMode.FIT, 0, 0, 0, 0);
    private Cursor guestCursor = Cursor.DEFAULT;
    private int buttons;
    private double lastScreenX = Double.NaN;
    private double lastScreenY = Double.NaN;
    private Robot robot;
    private int renderedScale = 1;
    /** The host key: the press that takes the mouse back from a grab. Ctrl+Alt unless the application sets another. */
    private java.util.function.Predicate<KeyEvent> releaseGrabKey = e -> e.isControlDown() && e.isAltDown()
            && (e.getCode() == KeyCode.CONTROL || e.getCode() == KeyCode.ALT);

    public DisplayView() {
        getStyleClass().add("display-view");
        setBackground(new Background(new BackgroundFill(Color.BLACK, null, null)));
        setFocusTraversable(true);
        imageView.setPreserveRatio(false);
        imageView.setManaged(false);
        status.setManaged(false);
        status.setAlignment(Pos.CENTER);
        status.setWrapText(true);
        status.setStyle("-fx-text-fill: white; -fx-background-color: rgba(0,0,0,0.7); -fx-padding: 12; "
                + "-fx-background-radius: 6; -fx-font-size: 14px;");
        status.textProperty().bind(statusMessage);
        status.visibleProperty().bind(statusMessage.isNotEmpty());
        getChildren().addAll(imageView, status);

        scalingMode.addListener((obs, old, mode) -> requestLayout());
        widthProperty().addListener((obs, old, w) -> scheduleAutoResize());
        heightProperty().addListener((obs, old, h) -> scheduleAutoResize());
        resizeDebounce.setOnFinished(e -> sendAutoResize());
        focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                keyboard.releaseAll();
                setGrabbed(false);
            }
        });
        grabbed.addListener((obs, was, now) -> updateCursor());

        addEventHandler(KeyEvent.KEY_PRESSED, this::onKeyPressed);
        addEventHandler(KeyEvent.KEY_RELEASED, this::onKeyReleased);
        addEventHandler(KeyEvent.KEY_TYPED, KeyEvent::consume);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onMouse);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onMouse);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::onMouse);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onMouse);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
    }

    /** Shows {@code newSession} (detaching any previous one). Call on the FX thread. */
    public void attach(RfbSession newSession) {
        detach();
        session = newSession;
        statusMessage.set("");
        newSession.addListener(sessionEvents);
        newSession.framebuffer().damageAll();
        pointerMode.set(newSession.pointerMode());
        ledState.set(newSession.ledState());
        setGuestCursor(newSession.cursor());
        queueRender();
    }

    /** Stops showing the current session (the session itself stays open). */
    public void detach() {
        if (session == null) return;
        keyboard.releaseAll();
        session.removeListener(sessionEvents);
        session = null;
        setGrabbed(false);
        statusMessage.set("No console");
    }

    public RfbSession session() {
        return session;
    }

    /**
     * Shows a message over the console (e.g. "Connecting…" or why a connection failed); an empty string hides it.
     * Attaching a session clears it; a session closing replaces it with the close reason.
     */
    public void showStatus(String message) {
        statusMessage.set(message == null ? "" : message);
        requestLayout();
    }

    /** Sends a key combination such as Ctrl+Alt+Delete, which the host would otherwise intercept. */
    public void sendKeyCombination(KeyCode... keys) {
        keyboard.tap(keys);
    }

    /** The image currently shown (null when none), enlarged by the whole-number zoom if one applies; for tests. */
    public WritableImage currentImage() {
        return framebufferImage.image();
    }

    /** Keys the guest currently believes are held down. */
    int heldKeyCount() {
        return keyboard.heldCount();
    }

    public DisplayGeometry geometry() {
        return geometry;
    }

    public ObjectProperty<ScalingMode> scalingModeProperty() {
        return scalingMode;
    }

    public ScalingMode getScalingMode() {
        return scalingMode.get();
    }

    public void setScalingMode(ScalingMode mode) {
        scalingMode.set(mode);
    }

    /** When true (default), the guest is asked to match the view size, 300 ms after resizing stops (FIT modes only). */
    public BooleanProperty autoResizeProperty() {
        return autoResize;
    }

    /** Sets the host key (the application's preference); {@code matcher} sees each key press while the mouse is grabbed. */
    public void setReleaseGrabKey(java.util.function.Predicate<KeyEvent> matcher) {
        releaseGrabKey = java.util.Objects.requireNonNull(matcher, "matcher");
    }

    public BooleanProperty grabbedProperty() {
        return grabbed;
    }

    public boolean isGrabbed() {
        return grabbed.get();
    }

    public void setGrabbed(boolean value) {
        grabbed.set(value);
        lastScreenX = Double.NaN;
    }

    public ReadOnlyObjectProperty<LedState> ledStateProperty() {
        return ledState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PointerMode> pointerModeProperty() {
        return pointerMode.getReadOnlyProperty();
    }

    /** Empty while the console is live; otherwise what the overlay says (e.g. "Console closed: ..."). */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    // ---- rendering ----

    private void queueRender() {
        if (renderQueued.compareAndSet(false, true)) Platform.runLater(this::render);
    }

    /**
     * Whole-number zooms are drawn into the image itself: some pipelines (JavaFX's software one) filter a scaled
     * ImageView even with smoothing off, which blurs a console that should be crisp.
     */
    private int pixelScale() {
        double s = geometry.scale();
        return geometry.isIntegerScale() && s >= 2 && s <= 8 ? (int) s : 1;
    }

    private void render() {
        renderQueued.set(false);
        if (session == null) return;
        renderedScale = pixelScale();
        Framebuffer fb = session.framebuffer();
        WritableImage before = framebufferImage.image();
        boolean[] complete = new boolean[1];
        WritableImage image = framebufferImage.refresh(fb, complete, renderedScale);
        if (image != before) {
            imageView.setImage(image);
            requestLayout();
        }
        if (!complete[0]) queueRender();
    }

    @Override
    protected void layoutChildren() {
        Framebuffer fb = session == null ? null : session.framebuffer();
        int gw = fb == null ? 0 : fb.width();
        int gh = fb == null ? 0 : fb.height();
        geometry = DisplayGeometry.compute(scalingMode.get(), getWidth(), getHeight(), gw, gh);
        imageView.setFitWidth(geometry.displayedWidth());
        imageView.setFitHeight(geometry.displayedHeight());
        imageView.setSmooth(!geometry.isIntegerScale());
        imageView.relocate(geometry.offsetX(), geometry.offsetY());
        if (session != null && pixelScale() != renderedScale) queueRender();
        double sw = Math.min(status.prefWidth(-1), Math.max(50, getWidth() - 40));
        double sh = status.prefHeight(sw);
        status.resizeRelocate(Math.floor((getWidth() - sw) / 2), Math.floor((getHeight() - sh) / 2), sw, sh);
    }

    @Override
    protected double computePrefWidth(double height) {
        if (scalingMode.get() == ScalingMode.ONE_TO_ONE && session != null) return session.framebuffer().width();
        return 640;
    }

    @Override
    protected double computePrefHeight(double width) {
        if (scalingMode.get() == ScalingMode.ONE_TO_ONE && session != null) return session.framebuffer().height();
        return 480;
    }

    private void scheduleAutoResize() {
        if (autoResize.get() && scalingMode.get() != ScalingMode.ONE_TO_ONE) resizeDebounce.playFromStart();
    }

    private void sendAutoResize() {
        RfbSession s = session;
        if (s == null || !s.isOpen() || !s.supportsResize()) return;
        int w = (int) Math.floor(getWidth());
        int h = (int) Math.floor(getHeight());
        if (w < 1 || h < 1) return;
        if (w == s.framebuffer().width() && h == s.framebuffer().height()) return;
        s.requestResize(Math.min(w, 16384), Math.min(h, 16384));
    }

    // ---- input ----

    private boolean sendKey(int keysym, int scancode, boolean down) {
        RfbSession s = session;
        return s != null && s.isOpen() && s.sendKey(keysym, scancode, down);
    }

    private void onKeyPressed(KeyEvent e) {
        e.consume();
        if (session == null) return;
        if (isGrabbed() && releaseGrabKey.test(e)) {
            // The host key is the way out of a grab; the guest never sees the combination completed.
            keyboard.releaseAll();
            setGrabbed(false);
            return;
        }
        keyboard.press(e.getCode());
    }

    private void onKeyReleased(KeyEvent e) {
        e.consume();
        if (session != null) keyboard.release(e.getCode());
    }

    private void onMouse(MouseEvent e) {
        RfbSession s = session;
        if (s == null || !s.isOpen()) return;
        if (e.getEventType() == MouseEvent.MOUSE_PRESSED) requestFocus();
        buttons = PointerButtons.of(e.isPrimaryButtonDown(), e.isMiddleButtonDown(), e.isSecondaryButtonDown());
        if (s.pointerMode() == PointerMode.ABSOLUTE) {
            s.sendPointer(geometry.toGuestX(e.getX()), geometry.toGuestY(e.getY()), buttons);
        } else if (isGrabbed()) {
            sendRelative(s, e);
        } else if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
            setGrabbed(true);
        }
        e.consume();
    }

    /** Relative guests get motion deltas; the host pointer is kept inside the view by recentring it. */
    private void sendRelative(RfbSession s, MouseEvent e) {
        if (!Double.isNaN(lastScreenX)) {
            int dx = (int) Math.round((e.getScreenX() - lastScreenX) / geometry.scale());
            int dy = (int) Math.round((e.getScreenY() - lastScreenY) / geometry.scale());
            s.sendRelativePointer(dx, dy, buttons);
        } else {
            s.sendRelativePointer(0, 0, buttons);
        }
        lastScreenX = e.getScreenX();
        lastScreenY = e.getScreenY();
        var bounds = localToScreen(getLayoutBounds());
        if (bounds != null && (e.getX() < 20 || e.getY() < 20 || e.getX() > getWidth() - 20 || e.getY() > getHeight() - 20)) {
            if (robot == null) robot = new Robot();
            double cx = bounds.getMinX() + bounds.getWidth() / 2;
            double cy = bounds.getMinY() + bounds.getHeight() / 2;
            robot.mouseMove(cx, cy);
            lastScreenX = cx;
            lastScreenY = cy;
        }
    }

    private void onScroll(ScrollEvent e) {
        RfbSession s = session;
        e.consume();
        if (s == null || !s.isOpen()) return;
        int wheel = PointerButtons.wheelFor(e.getDeltaX(), e.getDeltaY());
        if (wheel == 0) return;
        int x = geometry.toGuestX(e.getX());
        int y = geometry.toGuestY(e.getY());
        if (s.pointerMode() == PointerMode.ABSOLUTE) {
            s.sendPointer(x, y, buttons | wheel);
            s.sendPointer(x, y, buttons);
        } else {
            s.sendRelativePointer(0, 0, buttons | wheel);
            s.sendRelativePointer(0, 0, buttons);
        }
    }

    private void setGuestCursor(CursorImage cursor) {
        guestCursor = CursorImages.toFxCursor(cursor);
        updateCursor();
    }

    private void updateCursor() {
        boolean relative = pointerMode.get() == PointerMode.RELATIVE;
        setCursor(relative && isGrabbed() ? Cursor.NONE : guestCursor);
    }

    /** Session events arrive on the reader thread; each is handed to the FX thread. */
    private final class SessionEvents implements RfbSessionListener {

        @Override
        public void onFramebufferUpdate(DamageRect damage) {
            queueRender();
        }

        @Override
        public void onResize(int width, int height) {
            queueRender();
        }

        @Override
        public void onCursor(CursorImage cursor) {
            Platform.runLater(() -> setGuestCursor(cursor));
        }

        @Override
        public void onLedState(LedState state) {
            Platform.runLater(() -> ledState.set(state));
        }

        @Override
        public void onPointerModeChange(PointerMode mode) {
            Platform.runLater(() -> {
                pointerMode.set(mode);
                updateCursor();
            });
        }

        @Override
        public void onClosed(Throwable reason) {
            String text = reason == null ? "Console closed"
                    : "Console closed: " + (reason.getMessage() != null ? reason.getMessage() : reason.toString());
            Platform.runLater(() -> {
                keyboard.releaseAll();
                setGrabbed(false);
                statusMessage.set(text);
                requestLayout();
            });
        }
    }
}
