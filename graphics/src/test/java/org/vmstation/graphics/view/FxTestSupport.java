package org.vmstation.graphics.view;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;

/** Starts the JavaFX toolkit once per JVM and runs code on its thread. */
final class FxTestSupport {

    private static boolean started;

    private FxTestSupport() {
    }

    static synchronized void startToolkit() throws Exception {
        if (started) return;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        try {
            Platform.startup(() -> ready.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            ready.complete(null);
        }
        ready.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        started = true;
    }

    static <T> T onFx(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    static void runFx(Runnable work) throws Exception {
        onFx(() -> {
            work.run();
            return null;
        });
    }

    /** Reads an FX image's pixels (FX thread) into a snapshot record. */
    static FramebufferSnapshot pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new FramebufferSnapshot(w, h, argb);
    }
}
