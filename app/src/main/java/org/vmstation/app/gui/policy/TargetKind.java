package org.vmstation.app.gui.policy;

/** The "Which VMs" choice of the rule form. */
public enum TargetKind {
    ALL_RUNNING("All running VMs"),
    BACKGROUND("Background VMs (all but the one shown)"),
    TAGGED("VMs tagged");

    private final String label;

    TargetKind(String label) { this.label = label; }

    @Override public String toString() { return label; }
}
