package org.vmstation.engine.power.policy;

import java.time.Instant;

/**
 * One entry of the policy log: what a rule did, to which VM, when and why, and where it stands now.
 *
 * @param id      unique within one engine; {@link PolicyEngine#undo(long)} takes it
 * @param vmId    the VM acted on, or empty for a warning
 * @param reason  why: the rule and the host state that set it off
 * @param detail  what happened beyond the plan (a failure's message, "paused instead"), or empty
 */
public record AppliedAction(long id, String ruleId, String rule, PolicyAction action, String vmId, String vmName, Instant at,
                            String reason, Status status, String detail, Instant endedAt) {

    public enum Status {
        /** In force; can be undone. */
        ACTIVE,
        /** Undone: by the user, or because the condition ended. */
        UNDONE,
        /** Could not be applied; nothing to undo. */
        FAILED,
        /** Done once, nothing to undo (a warning). */
        DONE
    }

    public boolean undoable() { return status == Status.ACTIVE; }

    AppliedAction ended(Status newStatus, String newDetail, Instant when) {
        return new AppliedAction(id, ruleId, rule, action, vmId, vmName, at, reason, newStatus, newDetail, when);
    }

    /** "14:02:11 pause 'build-box' — on battery (on battery, 64 %)". */
    public String describe() {
        String target = vmName.isEmpty() ? "" : " '" + vmName + "'";
        return action.describe() + target + " — " + reason + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
