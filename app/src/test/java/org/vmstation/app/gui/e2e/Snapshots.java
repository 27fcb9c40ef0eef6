package org.vmstation.app.gui.e2e;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Saves what a scene shows as {@code target/screenshots/e2e-NAME.png}, for people and CI artifacts. */
final class Snapshots {
    static final Path DIR = Path.of("target", "screenshots");

    private Snapshots() {}

    static Path save(Scene scene, String name) throws Exception {
        WritableImage img = WindowOnTempLibrary.onFx(() -> scene.snapshot(null));
        Files.createDirectories(DIR);
        Path file = DIR.resolve("e2e-" + name + ".png");
        ImageIO.write(toBuffered(img), "png", file.toFile());
        return file;
    }

    static BufferedImage toBuffered(javafx.scene.image.Image img) {
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out.setRGB(x, y, r.getArgb(x, y));
        return out;
    }
}
