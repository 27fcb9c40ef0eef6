package org.vmstation.app.gui.view;

import javafx.scene.Node;
import org.vmstation.app.gui.library.VmItem;

/** Supplies a small live picture of a running VM's screen for the library list; null when none is available. */
@FunctionalInterface
public interface ThumbnailSource {
    Node thumbnail(VmItem vm);

    ThumbnailSource NONE = vm -> null;
}
