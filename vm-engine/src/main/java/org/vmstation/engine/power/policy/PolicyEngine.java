package org.vmstation.engine.power.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.vmstation.engine.power.host.HostPowerSnapshot;
import org.vmstation.engine.runtime.VmState;

/**
 * Applies host power rules as the host changes. Rules are edge-triggered: a rule acts when its condition
 * becomes true and undoes what it did when the condition becomes false (or the rule is disabled, changed or
 * removed); while the condition stays true nothing is repeated, so a VM the user resumes by hand stays
 * resumed. Each action is logged and can be undone on its own. Rules that overlap (two rules pausing one VM,
 * two caps) are reconciled: a VM is resumed only when no active action still holds it, and a cap is lifted to
 * the next tighter cap still in force.
 *
 * <p>Thread-safe; every call may block on the VM host (QMP, cgroups), so call it off the JavaFX thread.
 */
public final class PolicyEngine {
    static final int MAX_LOG = 500;
    private final PolicyActuator actuator;
    private final Supplier<Optional<String>> foreground;
    private final Clock clock;
    private final List<PolicyListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, PolicyRule> rules = new LinkedHashMap<>();
    /** Rules whose condition held at the last evaluation (so they have acted). */
    private final Map<String, PolicyRule> holding = new HashMap<>();
    private final List<AppliedAction> log = new ArrayList<>();
    private final Map<Long, PolicyVm> actedOn = new HashMap<>();
    private volatile HostPowerSnapshot last;
    /** Copies published after every change, so readers (the JavaFX thread) never wait for an evaluation. */
    private volatile List<AppliedAction> publishedLog = List.of();
    private volatile List<PolicyRule> publishedRules = List.of();
    private long nextId = 1;

    /** @param foreground the id of the VM shown in the foreground now, if any (for "background VMs") */
    public PolicyEngine(PolicyActuator actuator, Supplier<Optional<String>> foreground, Clock clock) {
        this.actuator = actuator;
        this.foreground = foreground;
        this.clock = clock;
    }

    public void addListener(PolicyListener l) { listeners.add(l); }

    public void removeListener(PolicyListener l) { listeners.remove(l); }

    /** The rules; never waits for an evaluation in progress. */
    public List<PolicyRule> rules() { return publishedRules; }

    /** The log, oldest first; never waits for an evaluation in progress. */
    public List<AppliedAction> log() { return publishedLog; }

    /** The host state last evaluated, if any. */
    public Optional<HostPowerSnapshot> lastHostState() { return Optional.ofNullable(last); }

    /**
     * Replaces the rules. A rule that acted and is now gone, disabled or different undoes its actions; then the
     * last host state is evaluated again, so a new rule whose condition already holds acts at once.
     */
    public synchronized void setRules(List<PolicyRule> newRules) {
        Map<String, PolicyRule> byId = new LinkedHashMap<>();
        for (PolicyRule r : newRules) {
            if (byId.put(r.id(), r) != null) throw new IllegalArgumentException("two rules have the id '" + r.id() + "'");
        }
        for (PolicyRule old : List.copyOf(holding.values())) {
            PolicyRule now = byId.get(old.id());
            String why = now == null ? "rule removed" : !now.enabled() ? "rule disabled" : !now.equals(old) ? "rule changed" : null;
            if (why != null) {
                holding.remove(old.id());
                undoRule(old.id(), why);
            }
        }
        rules.clear();
        rules.putAll(byId);
        if (last != null) evaluate(last);
        else fireLog();
    }

    /** Applies the rules whose condition just became true and undoes those whose condition just ended. */
    public synchronized void evaluate(HostPowerSnapshot host) {
        last = host;
        List<PolicyVm> vms = null;
        for (PolicyRule rule : rules.values()) {
            if (!rule.enabled()) continue;
            boolean holds = rule.condition().holds(host);
            boolean held = holding.containsKey(rule.id());
            if (holds && !held) {
                holding.put(rule.id(), rule);
                if (vms == null) vms = activeVms();
                apply(rule, host, vms);
                vms = null; // states changed: read again for the next rule
            } else if (!holds && held) {
                holding.remove(rule.id());
                undoRule(rule.id(), "no longer " + rule.condition().describe() + " (" + host.summary() + ")");
            }
        }
        fireLog();
    }

    /** Undoes one logged action (the user's Undo). */
    public synchronized void undo(long actionId) {
        int i = indexOf(actionId);
        if (i < 0) throw new IllegalArgumentException("no policy action " + actionId + " in the log");
        AppliedAction a = log.get(i);
        if (!a.undoable()) throw new IllegalStateException("'" + a.describe() + "' cannot be undone: it is " + a.status().name().toLowerCase());
        undoEntry(i, "undone by the user");
        fireLog();
    }

    /** Undoes every action still in force, e.g. when the window that runs the policy closes. */
    public synchronized void undoAll(String why) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).undoable()) undoEntry(i, why);
        }
        holding.clear();
        fireLog();
    }

    private List<PolicyVm> activeVms() {
        try {
            return actuator.activeVms();
        } catch (Exception e) {
            warn("Power policy could not list the VMs", message(e));
            return List.of();
        }
    }

    private void apply(PolicyRule rule, HostPowerSnapshot host, List<PolicyVm> vms) {
        String reason = rule.condition().describe() + " (" + host.summary() + ")";
        if (!rule.action().targetsVms()) {
            record(rule, null, reason, AppliedAction.Status.DONE, "");
            warn("Host power: " + rule.condition().describe(), host.summary() + ". Rule: " + rule.describe() + ".");
            return;
        }
        Optional<String> fg = foreground.get();
        for (PolicyVm vm : vms) {
            if (!vm.state().isActive() || !rule.target().matches(vm, fg)) continue;
            try {
                switch (rule.action()) {
                    case PolicyAction.Pause p -> holdPaused(rule, vm, reason, false);
                    case PolicyAction.SuspendToDisk s -> holdPaused(rule, vm, reason, true);
                    case PolicyAction.CpuCap cap -> {
                        if (vm.state() != VmState.RUNNING && vm.state() != VmState.PAUSED) continue;
                        OptionalInt tighter = activeCap(vm.id(), -1);
                        int percent = Math.min(cap.percent(), tighter.orElse(cap.percent()));
                        actuator.capCpu(vm, percent);
                        record(rule, vm, reason, AppliedAction.Status.ACTIVE, percent < cap.percent() ? "a tighter cap of " + percent + " % stays in force" : "");
                    }
                    case PolicyAction.Warn w -> throw new IllegalStateException("unreachable: warn targets no VM");
                }
            } catch (Exception e) {
                record(rule, vm, reason, AppliedAction.Status.FAILED, message(e));
                warn("Power policy could not " + rule.action().describe() + " '" + vm.name() + "'", message(e));
            }
        }
    }

    /** Pause or suspend: a VM another rule already holds paused is only noted; one the user paused is left alone. */
    private void holdPaused(PolicyRule rule, PolicyVm vm, String reason, boolean suspend) throws Exception {
        Optional<AppliedAction> holder = activePause(vm.id(), -1);
        if (vm.state() == VmState.PAUSED) {
            if (holder.isPresent()) record(rule, vm, reason, AppliedAction.Status.ACTIVE, "already paused by: " + holder.get().rule());
            return;
        }
        if (vm.state() != VmState.RUNNING) return;
        if (!suspend) {
            actuator.pause(vm);
            record(rule, vm, reason, AppliedAction.Status.ACTIVE, "");
            return;
        }
        PolicyActuator.SuspendOutcome out = actuator.suspendToDisk(vm);
        // a VM saved to disk has stopped: undoing would mean restoring it, which is the user's start
        record(rule, vm, reason, out.savedToDisk() ? AppliedAction.Status.DONE : AppliedAction.Status.ACTIVE, out.detail());
        if (!out.savedToDisk()) warn("'" + vm.name() + "' was paused, not suspended to disk", out.detail());
    }

    private void undoRule(String ruleId, String why) {
        for (int i = 0; i < log.size(); i++) {
            AppliedAction a = log.get(i);
            if (a.ruleId().equals(ruleId) && a.undoable()) undoEntry(i, why);
        }
    }

    private void undoEntry(int index, String why) {
        AppliedAction a = log.get(index);
        PolicyVm vm = actedOn.get(a.id());
        String detail = why;
        try {
            switch (a.action()) {
                case PolicyAction.Pause p -> detail = release(a, vm, why);
                case PolicyAction.SuspendToDisk s -> detail = release(a, vm, why);
                case PolicyAction.CpuCap c -> {
                    OptionalInt other = activeCap(a.vmId(), a.id());
                    if (other.isPresent()) {
                        actuator.capCpu(vm, other.getAsInt());
                        detail = why + "; a cap of " + other.getAsInt() + " % stays in force";
                    } else {
                        actuator.clearCpuCap(vm);
                    }
                }
                case PolicyAction.Warn w -> { }
            }
        } catch (Exception e) {
            if (stillActive(a.vmId())) {
                log.set(index, a.ended(AppliedAction.Status.ACTIVE, "undo failed: " + message(e), null));
                warn("Power policy could not undo '" + a.describe() + "'", message(e));
                return;
            }
            detail = why + "; the VM is no longer running";
        }
        log.set(index, a.ended(AppliedAction.Status.UNDONE, detail, clock.instant()));
    }

    private String release(AppliedAction a, PolicyVm vm, String why) throws Exception {
        Optional<AppliedAction> other = activePause(a.vmId(), a.id());
        if (other.isPresent()) return why + "; still paused by: " + other.get().rule();
        actuator.resume(vm);
        return why;
    }

    private Optional<AppliedAction> activePause(String vmId, long except) {
        return log.stream().filter(a -> a.undoable() && a.id() != except && a.vmId().equals(vmId)
                && (a.action() instanceof PolicyAction.Pause || a.action() instanceof PolicyAction.SuspendToDisk)).findFirst();
    }

    private OptionalInt activeCap(String vmId, long except) {
        return log.stream().filter(a -> a.undoable() && a.id() != except && a.vmId().equals(vmId) && a.action() instanceof PolicyAction.CpuCap)
                .mapToInt(a -> ((PolicyAction.CpuCap) a.action()).percent()).min();
    }

    private boolean stillActive(String vmId) {
        try {
            return actuator.activeVms().stream().anyMatch(v -> v.id().equals(vmId));
        } catch (Exception e) {
            return true; // cannot tell: keep the entry so the user can try again
        }
    }

    private void record(PolicyRule rule, PolicyVm vm, String reason, AppliedAction.Status status, String detail) {
        AppliedAction a = new AppliedAction(nextId++, rule.id(), rule.describe(), rule.action(), vm == null ? "" : vm.id(),
                vm == null ? "" : vm.name(), clock.instant(), reason, status, detail == null ? "" : detail, null);
        log.add(a);
        if (vm != null) actedOn.put(a.id(), vm);
        // drop the oldest finished entries past the limit; entries in force stay (they must remain undoable)
        for (int i = 0; log.size() > MAX_LOG && i < log.size(); ) {
            if (log.get(i).undoable()) i++;
            else actedOn.remove(log.remove(i).id());
        }
    }

    private int indexOf(long id) {
        for (int i = 0; i < log.size(); i++) if (log.get(i).id() == id) return i;
        return -1;
    }

    private void fireLog() {
        List<AppliedAction> copy = List.copyOf(log);
        publishedLog = copy;
        publishedRules = List.copyOf(rules.values());
        for (PolicyListener l : listeners) l.logChanged(copy);
    }

    private void warn(String title, String message) {
        for (PolicyListener l : listeners) l.warning(title, message);
    }

    private static String message(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
