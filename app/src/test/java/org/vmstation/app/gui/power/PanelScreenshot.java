package org.vmstation.app.gui.power;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

final class PanelScreenshot {
    private PanelScreenshot() {}

    /** Saves the scene as target/screenshots/NAME.png for people and CI artifacts. */
    static Path save(Scene scene, String name) throws Exception {
        CompletableFuture<WritableImage> shot = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                shot.complete(scene.snapshot(null));
            } catch (Throwable t) {
                shot.completeExceptionally(t);
            }
        });
        WritableImage img = shot.get(10, TimeUnit.SECONDS);
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out.setRGB(x, y, r.getArgb(x, y));
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Path file = folder.resolve(name + ".png");
        ImageIO.write(out, "png", file.toFile());
        return file;
    }
}
