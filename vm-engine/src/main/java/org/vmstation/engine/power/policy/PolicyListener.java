package org.vmstation.engine.power.policy;

import java.util.List;

/** Hears what the policy engine does; called on the engine's thread, so keep it short. */
public interface PolicyListener {
    /** The log changed (an action applied or undone); {@code log} is a copy, oldest first. */
    void logChanged(List<AppliedAction> log);

    /** Something the user should read now: a "warn" rule fired, or an action could not be done as asked. */
    default void warning(String title, String message) {}
}
