package org.vmstation.graphics.view;

import javafx.scene.Cursor;
import javafx.scene.ImageCursor;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.vmstation.graphics.rfb.CursorImage;

/** Converts the guest's cursor shape into a JavaFX cursor. */
final class CursorImages {

    private CursorImages() {
    }

    /** {@link Cursor#NONE} for a hidden guest cursor, otherwise an {@link ImageCursor} with the guest hotspot. */
    static Cursor toFxCursor(CursorImage cursor) {
        if (cursor == null) return Cursor.DEFAULT;
        if (cursor.isHidden()) return Cursor.NONE;
        WritableImage image = new WritableImage(cursor.width(), cursor.height());
        image.getPixelWriter().setPixels(0, 0, cursor.width(), cursor.height(), PixelFormat.getIntArgbInstance(),
                cursor.argb(), 0, cursor.width());
        return new ImageCursor(image, cursor.hotX(), cursor.hotY());
    }
}
