package org.vmstation.app.gui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Saves what a scene shows as a PNG under app/target/screenshots for people (and CI artifacts) to look at. */
public final class Screenshots {
    public static final Path DIR = Path.of("target", "screenshots");

    private Screenshots() {}

    /** Saves {@code scene} as {@link #DIR}/NAME.png (taken on the JavaFX thread) and returns the file. */
    public static Path save(Scene scene, String name) throws Exception {
        WritableImage img;
        if (Platform.isFxApplicationThread()) {
            img = scene.snapshot(null);
        } else {
            CompletableFuture<WritableImage> shot = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    shot.complete(scene.snapshot(null));
                } catch (Throwable t) {
                    shot.completeExceptionally(t);
                }
            });
            img = shot.get(10, TimeUnit.SECONDS);
        }
        Files.createDirectories(DIR);
        Path file = DIR.resolve(name + ".png");
        ImageIO.write(toBuffered(img), "png", file.toFile());
        return file;
    }

    public static BufferedImage toBuffered(Image img) {
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out.setRGB(x, y, r.getArgb(x, y));
        return out;
    }
}
