package org.vmstation.app.gui.view;

import java.util.Locale;
import org.vmstation.engine.runtime.VmState;

/** How a VM state reads in the window, and its style class. */
final class StateText {
    private StateText() {}

    static String label(VmState s) {
        return switch (s) {
            case STOPPED -> "Stopped";
            case STARTING -> "Starting";
            case RUNNING -> "Running";
            case PAUSED -> "Paused";
            case STOPPING -> "Shutting down";
            case CRASHED -> "Crashed";
        };
    }

    static String styleClass(VmState s) { return s.name().toLowerCase(Locale.ROOT); }

    static void applyStyle(javafx.scene.Node node, VmState s) {
        for (VmState other : VmState.values()) node.getStyleClass().remove(styleClass(other));
        node.getStyleClass().add(styleClass(s));
    }
}
