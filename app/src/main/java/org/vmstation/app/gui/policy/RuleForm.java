package org.vmstation.app.gui.policy;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vmstation.engine.power.policy.PolicyAction;
import org.vmstation.engine.power.policy.PolicyCondition;
import org.vmstation.engine.power.policy.PolicyRule;
import org.vmstation.engine.power.policy.PolicyTarget;

/** The fields of the rule being edited, loaded from a rule and turned back into one with checked numbers. */
public final class RuleForm {
    private final ObjectProperty<ConditionKind> when = new SimpleObjectProperty<>(this, "when", ConditionKind.ON_BATTERY);
    private final StringProperty belowPercent = new SimpleStringProperty(this, "belowPercent", "15");
    private final ObjectProperty<ActionKind> action = new SimpleObjectProperty<>(this, "action", ActionKind.PAUSE);
    private final StringProperty cpuPercent = new SimpleStringProperty(this, "cpuPercent", "25");
    private final ObjectProperty<TargetKind> target = new SimpleObjectProperty<>(this, "target", TargetKind.BACKGROUND);
    private final StringProperty tag = new SimpleStringProperty(this, "tag", "");

    public ObjectProperty<ConditionKind> whenProperty() { return when; }
    public StringProperty belowPercentProperty() { return belowPercent; }
    public ObjectProperty<ActionKind> actionProperty() { return action; }
    public StringProperty cpuPercentProperty() { return cpuPercent; }
    public ObjectProperty<TargetKind> targetProperty() { return target; }
    public StringProperty tagProperty() { return tag; }

    /** Whether the threshold field matters (the view shows it only then). */
    public BooleanBinding needsThreshold() { return Bindings.equal(when, ConditionKind.BATTERY_BELOW); }

    public BooleanBinding needsCpuPercent() { return Bindings.equal(action, ActionKind.CPU_CAP); }

    public BooleanBinding needsTag() { return Bindings.equal(target, TargetKind.TAGGED); }

    public BooleanBinding needsTarget() { return Bindings.notEqual(action, ActionKind.WARN); }

    public void load(PolicyRule rule) {
        switch (rule.condition()) {
            case PolicyCondition.OnBattery c -> when.set(ConditionKind.ON_BATTERY);
            case PolicyCondition.BatteryBelow c -> {
                when.set(ConditionKind.BATTERY_BELOW);
                belowPercent.set(Integer.toString(c.percent()));
            }
            case PolicyCondition.LidClosed c -> when.set(ConditionKind.LID_CLOSED);
        }
        switch (rule.action()) {
            case PolicyAction.Pause a -> action.set(ActionKind.PAUSE);
            case PolicyAction.CpuCap a -> {
                action.set(ActionKind.CPU_CAP);
                cpuPercent.set(Integer.toString(a.percent()));
            }
            case PolicyAction.SuspendToDisk a -> action.set(ActionKind.SUSPEND_TO_DISK);
            case PolicyAction.Warn a -> action.set(ActionKind.WARN);
        }
        switch (rule.target()) {
            case PolicyTarget.AllRunning t -> target.set(TargetKind.ALL_RUNNING);
            case PolicyTarget.Background t -> target.set(TargetKind.BACKGROUND);
            case PolicyTarget.Tagged t -> {
                target.set(TargetKind.TAGGED);
                tag.set(t.tag());
            }
        }
    }

    /** The rule the fields describe. @throws IllegalArgumentException naming the field and what it expects */
    public PolicyRule toRule(String id, boolean enabled) {
        PolicyCondition c = switch (when.get()) {
            case ON_BATTERY -> new PolicyCondition.OnBattery();
            case BATTERY_BELOW -> new PolicyCondition.BatteryBelow(percent(belowPercent.get(), "Battery below"));
            case LID_CLOSED -> new PolicyCondition.LidClosed();
        };
        PolicyAction a = switch (action.get()) {
            case PAUSE -> new PolicyAction.Pause();
            case CPU_CAP -> new PolicyAction.CpuCap(percent(cpuPercent.get(), "Cap CPU to"));
            case SUSPEND_TO_DISK -> new PolicyAction.SuspendToDisk();
            case WARN -> new PolicyAction.Warn();
        };
        PolicyTarget t = switch (target.get()) {
            case ALL_RUNNING -> new PolicyTarget.AllRunning();
            case BACKGROUND -> new PolicyTarget.Background();
            case TAGGED -> {
                String v = tag.get() == null ? "" : tag.get().strip();
                if (v.isEmpty() || v.length() > 100) throw new IllegalArgumentException("VMs tagged: type the tag (1 to 100 characters)");
                yield new PolicyTarget.Tagged(v);
            }
        };
        return new PolicyRule(id, enabled, c, a, t);
    }

    private static int percent(String text, String field) {
        String v = text == null ? "" : text.strip().replace("%", "").strip();
        try {
            int p = Integer.parseInt(v);
            if (p >= 1 && p <= 100) return p;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(field + ": '" + (text == null ? "" : text.strip()) + "' is not a percentage: expected a whole number from 1 to 100");
    }
}
