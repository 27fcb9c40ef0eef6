package org.vmstation.app.gui.library;

import java.util.function.Predicate;
import org.vmstation.engine.runtime.VmState;

/** The state choices of the library's filter box. */
public enum StateFilter {
    ALL("All states", s -> true),
    ACTIVE("Running or paused", VmState::isActive),
    RUNNING("Running", s -> s == VmState.RUNNING || s == VmState.STARTING),
    PAUSED("Paused", s -> s == VmState.PAUSED),
    STOPPED("Stopped", s -> s == VmState.STOPPED),
    CRASHED("Crashed", s -> s == VmState.CRASHED);

    private final String label;
    private final Predicate<VmState> accepts;

    StateFilter(String label, Predicate<VmState> accepts) {
        this.label = label;
        this.accepts = accepts;
    }

    public boolean accepts(VmState state) { return accepts.test(state); }

    @Override
    public String toString() { return label; }
}
