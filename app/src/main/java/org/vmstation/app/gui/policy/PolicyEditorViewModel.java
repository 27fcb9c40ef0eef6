package org.vmstation.app.gui.policy;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.power.policy.AppliedAction;
import org.vmstation.engine.power.policy.PolicyAction;
import org.vmstation.engine.power.policy.PolicyCondition;
import org.vmstation.engine.power.policy.PolicyListener;
import org.vmstation.engine.power.policy.PolicyRule;
import org.vmstation.engine.power.policy.PolicyTarget;

/**
 * The power policy editor: the rules (add, remove, edit, enable), what the host reports now, and the log of
 * actions the policy took with Undo. Plain Java over {@link HostPolicyService}; saving and undoing go through
 * the executor, and every change is saved to the user's rules file at once.
 */
public final class PolicyEditorViewModel implements AutoCloseable {
    private final HostPolicyService service;
    private final TaskExecutor executor;
    private final ZoneId zone;
    private final ObservableList<RuleRow> rules = FXCollections.observableArrayList();
    private final ObjectProperty<RuleRow> selectedRule = new SimpleObjectProperty<>(this, "selectedRule");
    private final RuleForm form = new RuleForm();
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final StringProperty hostText = new SimpleStringProperty(this, "hostText", "");
    private final ObservableList<LogRow> log = FXCollections.observableArrayList();
    private final ObjectProperty<LogRow> selectedLog = new SimpleObjectProperty<>(this, "selectedLog");
    private final PolicyListener listener;

    public PolicyEditorViewModel(HostPolicyService service, TaskExecutor executor, ZoneId zone) {
        this.service = service;
        this.executor = executor;
        this.zone = zone;
        for (PolicyRule r : service.engine().rules()) rules.add(new RuleRow(r));
        error.set(service.loadProblem().isEmpty() ? "" : "The rules file could not be read, so no rule is in force: " + service.loadProblem());
        selectedRule.addListener((o, was, now) -> {
            if (now != null) form.load(now.rule());
        });
        listener = new PolicyListener() {
            @Override public void logChanged(List<AppliedAction> entries) {
                String host = hostText(); // read here, on the engine's thread, not on the JavaFX thread
                executor.runOnUiThread(() -> showLog(entries, host));
            }
        };
        service.engine().addListener(listener);
        showLog(service.engine().log(), hostText());
    }

    public ObservableList<RuleRow> rules() { return rules; }
    public ObjectProperty<RuleRow> selectedRuleProperty() { return selectedRule; }
    public RuleForm form() { return form; }
    /** A problem to show under the form (bad value, file not saved); empty when all is well. */
    public StringProperty errorProperty() { return error; }
    /** What the host reports and through which mechanism. */
    public StringProperty hostTextProperty() { return hostText; }
    public ObservableList<LogRow> log() { return log; }
    public ObjectProperty<LogRow> selectedLogProperty() { return selectedLog; }

    public BooleanBinding canUndo() {
        return Bindings.createBooleanBinding(() -> selectedLog.get() != null && selectedLog.get().undoable(), selectedLog);
    }

    public BooleanBinding canEdit() { return selectedRule.isNotNull(); }

    /** Adds "On battery: pause background VMs" (the common wish), selects it for editing, and saves. */
    public void addRule() {
        PolicyRule r = new PolicyRule("rule-" + UUID.randomUUID().toString().substring(0, 8), true,
                new PolicyCondition.OnBattery(), new PolicyAction.Pause(), new PolicyTarget.Background());
        RuleRow row = new RuleRow(r);
        rules.add(row);
        selectedRule.set(row);
        save();
    }

    public void removeSelected() {
        RuleRow row = selectedRule.get();
        if (row == null) return;
        rules.remove(row);
        selectedRule.set(null);
        save();
    }

    /** Replaces the selected rule with what the form says; a bad value is shown and nothing changes. */
    public boolean applyForm() {
        RuleRow row = selectedRule.get();
        if (row == null) return false;
        PolicyRule edited;
        try {
            edited = form.toRule(row.rule().id(), row.enabled());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
        RuleRow now = new RuleRow(edited);
        rules.set(rules.indexOf(row), now);
        selectedRule.set(now);
        save();
        return true;
    }

    public void setEnabled(RuleRow row, boolean enabled) {
        int i = rules.indexOf(row);
        if (i < 0 || row.enabled() == enabled) return;
        RuleRow now = new RuleRow(row.rule().withEnabled(enabled));
        rules.set(i, now);
        if (selectedRule.get() == row) selectedRule.set(now);
        save();
    }

    public void undoSelected() {
        LogRow row = selectedLog.get();
        if (row == null || !row.undoable()) return;
        executor.execute(BackgroundTask.ofRunnable("Undo " + row.action().action().describe(), () -> service.undo(row.id()))
                .onFailure(e -> error.set("Could not undo: " + e.getMessage())));
    }

    /** Reads the host now (e.g. when the editor opens) instead of at the next poll. */
    public void refreshHost() { service.checkNow(); }

    private void save() {
        List<PolicyRule> snapshot = new ArrayList<>();
        for (RuleRow r : rules) snapshot.add(r.rule());
        error.set("");
        executor.execute(BackgroundTask.ofRunnable("Save power policy", () -> service.saveRules(snapshot))
                .onFailure(e -> error.set("The rules were not saved: " + e.getMessage())));
    }

    private String hostText() {
        String host = service.engine().lastHostState().map(s -> "This computer: " + s.summary() + ".").orElse("This computer: not read yet.");
        return host + " Read from: " + service.supply().description() + ".";
    }

    private void showLog(List<AppliedAction> entries, String host) {
        long keep = selectedLog.get() == null ? -1 : selectedLog.get().id();
        List<LogRow> rows = new ArrayList<>();
        // newest first: the latest action is what the user looks for
        for (int i = entries.size() - 1; i >= 0; i--) rows.add(new LogRow(entries.get(i), zone));
        log.setAll(rows);
        selectedLog.set(rows.stream().filter(r -> r.id() == keep).findFirst().orElse(null));
        hostText.set(host);
    }

    @Override
    public void close() { service.engine().removeListener(listener); }
}
