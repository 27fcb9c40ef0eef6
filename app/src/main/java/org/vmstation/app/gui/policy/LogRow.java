package org.vmstation.app.gui.policy;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.vmstation.engine.power.policy.AppliedAction;

/** One line of the applied-actions log: when, what, to which VM, why, and where it stands. */
public record LogRow(AppliedAction action, ZoneId zone) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public long id() { return action.id(); }

    public String time() { return TIME.format(action.at().atZone(zone)); }

    public String status() {
        return switch (action.status()) {
            case ACTIVE -> "in force";
            case UNDONE -> "undone";
            case FAILED -> "failed";
            case DONE -> "done";
        };
    }

    public boolean undoable() { return action.undoable(); }

    /** "14:02:11  pause 'build-box' — on battery (on battery, 64 %) · in force". */
    public String text() {
        return time() + "  " + action.describe() + " · " + status().toLowerCase(Locale.ROOT);
    }
}
