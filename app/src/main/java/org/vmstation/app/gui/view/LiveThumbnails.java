package org.vmstation.app.gui.view;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.shape.Rectangle;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;
import org.vmstation.graphics.rfb.RfbScreenshots;

/**
 * Small live pictures of running VMs' screens for the library list. Every {@code period} a background thread
 * asks the UI thread which running VMs have a thumbnail on screen now (list cells are virtual: scrolled-away
 * VMs cost nothing), then takes one short VNC capture of each and scales it down off the UI thread.
 */
public final class LiveThumbnails implements ThumbnailSource, AutoCloseable {
    public static final double WIDTH = 72;
    public static final double HEIGHT = 54;
    private static final Duration CAPTURE_TIMEOUT = Duration.ofMillis(1500);
    private static final Logger LOG = Logger.getLogger(LiveThumbnails.class.getName());

    /** Takes one picture of the screen behind a VNC socket. */
    @FunctionalInterface
    public interface Capturer {
        FramebufferSnapshot capture(Path vncSocket, Duration timeout) throws Exception;
    }

    private final VmHost host;
    private final Consumer<Runnable> uiThread;
    private final Capturer capturer;
    /** By VM id; touched on the UI thread only. */
    private final Map<String, Slot> slots = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vmstation-thumbnails");
        t.setDaemon(true);
        return t;
    });

    public LiveThumbnails(VmHost host, Consumer<Runnable> uiThread) {
        this(host, uiThread, RfbScreenshots::capture);
    }

    public LiveThumbnails(VmHost host, Consumer<Runnable> uiThread, Capturer capturer) {
        this.host = host;
        this.uiThread = uiThread;
        this.capturer = capturer;
    }

    /** One VM's latest picture and the views showing it (weakly: cells drop views as they are reused). */
    private static final class Slot {
        final ObjectProperty<Image> image = new SimpleObjectProperty<>();
        final List<WeakReference<Node>> views = new ArrayList<>();
        VmItem vm;
    }

    /** A view of {@code vm}'s latest picture; transparent until the first capture arrives. UI thread only. */
    @Override
    public Node thumbnail(VmItem vm) {
        Slot slot = slots.computeIfAbsent(vm.id(), id -> new Slot());
        slot.vm = vm;
        ImageView view = new ImageView();
        view.imageProperty().bind(slot.image);
        view.setFitWidth(WIDTH);
        view.setFitHeight(HEIGHT);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        Rectangle clip = new Rectangle(WIDTH, HEIGHT);
        clip.setArcWidth(12);
        clip.setArcHeight(12);
        view.setClip(clip);
        view.getStyleClass().add("vm-thumbnail");
        view.setId("thumbnail-" + vm.id());
        slot.views.removeIf(r -> r.get() == null);
        slot.views.add(new WeakReference<>(view));
        return view;
    }

    /** The picture shown for {@code vmId} now, or null; for tests. UI thread only. */
    public Image imageOf(String vmId) {
        Slot slot = slots.get(vmId);
        return slot == null ? null : slot.image.get();
    }

    public void start(Duration period) {
        timer.scheduleWithFixedDelay(this::refreshOnce, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: find the visible running VMs, capture each, hand the pictures to the UI thread. */
    public void refreshOnce() {
        CompletableFuture<List<VmDefinition>> wanted = new CompletableFuture<>();
        uiThread.accept(() -> wanted.complete(visibleRunning()));
        List<VmDefinition> targets;
        try {
            targets = wanted.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return; // UI busy or shutting down: try again next round
        }
        for (VmDefinition vm : targets) {
            if (timer.isShutdown()) return;
            try {
                FramebufferSnapshot shot = capturer.capture(host.paths(vm).vncSocket(), CAPTURE_TIMEOUT)
                        .scaledToFit((int) WIDTH * 2, (int) HEIGHT * 2); // twice the size: sharp on HiDPI screens
                uiThread.accept(() -> show(vm.id(), shot));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // a VM still booting its display, or just stopped: the next round tries again
                LOG.log(Level.FINE, "thumbnail of " + vm.name() + ": " + e.getMessage());
            }
        }
    }

    private List<VmDefinition> visibleRunning() {
        List<VmDefinition> out = new ArrayList<>();
        for (Slot slot : slots.values()) {
            VmState state = slot.vm.state();
            if (state != VmState.RUNNING && state != VmState.PAUSED) {
                slot.image.set(null); // a stale picture must not greet the next start
                continue;
            }
            slot.views.removeIf(r -> r.get() == null);
            boolean onScreen = slot.views.stream().map(WeakReference::get).anyMatch(LiveThumbnails::isShowing);
            // a paused VM's screen does not change: one picture is enough
            if (onScreen && (state == VmState.RUNNING || slot.image.get() == null)) out.add(slot.vm.definition());
        }
        return out;
    }

    private void show(String vmId, FramebufferSnapshot shot) {
        Slot slot = slots.get(vmId);
        if (slot == null || shot.width() == 0 || shot.height() == 0) return;
        if (!slot.vm.state().isActive()) return;
        int[] argb = shot.argb();
        for (int i = 0; i < argb.length; i++) argb[i] |= 0xFF000000; // VNC pixels carry no alpha; screens are opaque
        WritableImage image = new WritableImage(shot.width(), shot.height());
        image.getPixelWriter().setPixels(0, 0, shot.width(), shot.height(), PixelFormat.getIntArgbInstance(), argb, 0, shot.width());
        slot.image.set(image);
    }

    /** In a showing window and not inside anything hidden (a recycled list cell is made invisible, not removed). */
    private static boolean isShowing(Node node) {
        if (node == null || node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) return false;
            if (n instanceof Parent && n.getParent() == null) break;
        }
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
