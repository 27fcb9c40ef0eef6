package org.vmstation.app.gui.actions;

import java.util.List;
import java.util.function.Predicate;
import org.vmstation.engine.runtime.VmState;

/**
 * What the toolbar and menus can do to the selected VMs, and when each applies. An action is enabled when the
 * selection is non-empty, fits its single/multi rule, and every selected VM is in a state the action accepts.
 */
public enum VmAction {
    START("Start", true, s -> s == VmState.STOPPED || s == VmState.CRASHED),
    PAUSE("Pause", true, s -> s == VmState.RUNNING),
    RESUME("Resume", true, s -> s == VmState.PAUSED),
    SHUT_DOWN("Shut down", true, s -> s == VmState.RUNNING),
    POWER_OFF("Power off", true, s -> s == VmState.RUNNING || s == VmState.PAUSED || s == VmState.STARTING || s == VmState.STOPPING),
    RESET("Reset", true, s -> s == VmState.RUNNING || s == VmState.PAUSED),
    SETTINGS("Settings", false, s -> true),
    DELETE("Delete", true, s -> s == VmState.STOPPED || s == VmState.CRASHED);

    private final String label;
    private final boolean multiSelect;
    private final Predicate<VmState> accepts;

    VmAction(String label, boolean multiSelect, Predicate<VmState> accepts) {
        this.label = label;
        this.multiSelect = multiSelect;
        this.accepts = accepts;
    }

    public String label() { return label; }

    public boolean appliesTo(List<VmState> selection) {
        if (selection.isEmpty()) return false;
        if (!multiSelect && selection.size() != 1) return false;
        return selection.stream().allMatch(accepts);
    }

    /** Why the action is disabled, for the tooltip; empty when it is enabled. */
    public String whyDisabled(List<VmState> selection) {
        if (appliesTo(selection)) return "";
        if (selection.isEmpty()) return "Select a VM first";
        if (!multiSelect && selection.size() != 1) return label + " works on one VM at a time";
        return switch (this) {
            case START -> "Already running";
            case PAUSE -> "Only a running VM can be paused";
            case RESUME -> "Only a paused VM can be resumed";
            case SHUT_DOWN -> "Only a running VM can be shut down";
            case POWER_OFF, RESET -> "The VM is not running";
            case DELETE -> "Stop the VM before deleting it";
            case SETTINGS -> "";
        };
    }
}
