package org.vmstation.app.gui.policy;

/** The "Do" choice of the rule form. */
public enum ActionKind {
    PAUSE("Pause"),
    CPU_CAP("Cap CPU to"),
    SUSPEND_TO_DISK("Suspend to disk (pauses for now)"),
    WARN("Warn me");

    private final String label;

    ActionKind(String label) { this.label = label; }

    @Override public String toString() { return label; }
}
