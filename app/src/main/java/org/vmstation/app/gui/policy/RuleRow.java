package org.vmstation.app.gui.policy;

import org.vmstation.engine.power.policy.PolicyRule;

/** One line of the rule list: the rule and its sentence. */
public record RuleRow(PolicyRule rule) {
    public String text() { return rule.describe(); }

    public boolean enabled() { return rule.enabled(); }
}
