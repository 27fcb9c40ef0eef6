package org.vmstation.engine.runtime;

/** The one state each VM is in, as every VMStation process sees it. */
public enum VmState {
    STOPPED, STARTING, RUNNING, PAUSED, STOPPING, CRASHED;

    public boolean isActive() { return this == STARTING || this == RUNNING || this == PAUSED || this == STOPPING; }
}
