package org.vmstation.engine.power.policy;

import java.util.Objects;

/**
 * One host power rule: when {@code condition} becomes true, do {@code action} to the VMs {@code target} picks;
 * when it becomes false again, undo it.
 *
 * @param id      stable identity (survives edits; the log refers to it)
 * @param enabled a disabled rule is kept but never applied
 */
public record PolicyRule(String id, boolean enabled, PolicyCondition condition, PolicyAction action, PolicyTarget target) {
    public PolicyRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        if (id.isBlank()) throw new IllegalArgumentException("a rule needs an id");
    }

    public PolicyRule withEnabled(boolean on) { return new PolicyRule(id, on, condition, action, target); }

    /** "On battery: pause background VMs", "Battery below 15 %: warn". */
    public String describe() {
        String when = condition.describe();
        String what = action.targetsVms() ? action.describe() + " " + target.describe() : action.describe();
        return Character.toUpperCase(when.charAt(0)) + when.substring(1) + ": " + what;
    }
}
