package org.vmstation.app.gui.policy;

/** The "When" choice of the rule form. */
public enum ConditionKind {
    ON_BATTERY("On battery"),
    BATTERY_BELOW("Battery below"),
    LID_CLOSED("Lid closed");

    private final String label;

    ConditionKind(String label) { this.label = label; }

    @Override public String toString() { return label; }
}
