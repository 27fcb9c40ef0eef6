package org.vmstation.app.gui.e2e;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.scene.Scene;
import org.vmstation.app.gui.Screenshots;

/** Saves what a scene shows as {@code target/screenshots/e2e-NAME.png}, for people and CI artifacts. */
final class Snapshots {
    static final Path DIR = Screenshots.DIR;

    private Snapshots() {}

    static Path save(Scene scene, String name) throws Exception {
        return Screenshots.save(scene, "e2e-" + name);
    }

    static BufferedImage toBuffered(javafx.scene.image.Image img) {
        return Screenshots.toBuffered(img);
    }
}
