package org.vmstation.engine.power.policy;

/** What a rule does to each VM it targets when its condition becomes true (and undoes when it ends). */
public sealed interface PolicyAction {
    /** "pause", "cap CPU to 25 %", ... */
    String describe();

    /** Whether the action is aimed at VMs (a warning is aimed at the user). */
    default boolean targetsVms() { return true; }

    record Pause() implements PolicyAction {
        @Override public String describe() { return "pause"; }
    }

    /** Caps each VM's QEMU process to {@code percent} of one host core. */
    record CpuCap(int percent) implements PolicyAction {
        public CpuCap {
            if (percent < 1 || percent > 100) throw new IllegalArgumentException("CPU cap " + percent + " % is out of range: expected 1 to 100");
        }
        @Override public String describe() { return "cap CPU to " + percent + " %"; }
    }

    /** Saves each VM's state to disk and stops it, where the host can; otherwise pauses it and says so. */
    record SuspendToDisk() implements PolicyAction {
        @Override public String describe() { return "suspend to disk"; }
    }

    /** Tells the user; touches no VM. */
    record Warn() implements PolicyAction {
        @Override public String describe() { return "warn"; }
        @Override public boolean targetsVms() { return false; }
    }
}
