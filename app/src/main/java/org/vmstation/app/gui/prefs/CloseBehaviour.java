package org.vmstation.app.gui.prefs;

/** What closing the window does with VMs that still run. */
public enum CloseBehaviour {
    ASK("Ask every time"),
    KEEP_RUNNING("Keep them running in the background"),
    SUSPEND("Pause them"),
    SHUT_DOWN("Shut them down");

    private final String label;

    CloseBehaviour(String label) { this.label = label; }

    public String label() { return label; }

    @Override
    public String toString() { return label; }
}
