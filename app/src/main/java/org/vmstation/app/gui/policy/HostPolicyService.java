package org.vmstation.app.gui.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.vmstation.engine.power.host.HostPowerSupply;
import org.vmstation.engine.power.policy.HostPolicyRunner;
import org.vmstation.engine.power.policy.PolicyActuator;
import org.vmstation.engine.power.policy.PolicyEngine;
import org.vmstation.engine.power.policy.PolicyFileException;
import org.vmstation.engine.power.policy.PolicyRule;
import org.vmstation.engine.power.policy.PolicyRuleStore;

/**
 * The host power policy while the window is open: the rules from the user's file, applied by a
 * {@link PolicyEngine} that follows the host's power supply. Plain Java; every method but the accessors blocks
 * (file, QMP), so the window calls them through its task executor. {@link #close()} lifts every action still
 * in force, so no VM stays paused by a policy nobody runs any more.
 */
public final class HostPolicyService implements AutoCloseable {
    private final PolicyRuleStore store;
    private final HostPowerSupply supply;
    private final PolicyEngine engine;
    private final HostPolicyRunner runner;
    private final String loadProblem;

    private HostPolicyService(PolicyRuleStore store, HostPowerSupply supply, PolicyEngine engine, HostPolicyRunner runner, String loadProblem) {
        this.store = store;
        this.supply = supply;
        this.engine = engine;
        this.runner = runner;
        this.loadProblem = loadProblem;
    }

    /**
     * Loads the rules from {@code store} (a bad file leaves the policy empty and {@link #loadProblem()} says why)
     * and starts following {@code supply}, which the service then owns.
     *
     * @param foreground the id of the VM the user has in front of them, for "background VMs"
     */
    public static HostPolicyService start(PolicyRuleStore store, HostPowerSupply supply, PolicyActuator actuator,
                                          Supplier<Optional<String>> foreground, Duration interval) {
        PolicyEngine engine = new PolicyEngine(actuator, foreground, java.time.Clock.systemDefaultZone());
        String problem = "";
        try {
            engine.setRules(store.load());
        } catch (PolicyFileException | IllegalArgumentException e) {
            problem = e.getMessage();
        }
        return new HostPolicyService(store, supply, engine, HostPolicyRunner.start(supply, engine, interval), problem);
    }

    public PolicyEngine engine() { return engine; }

    public HostPowerSupply supply() { return supply; }

    public PolicyRuleStore store() { return store; }

    /** Why the rules file could not be read at start (the policy then starts empty); empty when it was fine. */
    public String loadProblem() { return loadProblem; }

    /** Saves {@code rules} to the user's file, then applies them (a rule whose condition already holds acts now). */
    public void saveRules(List<PolicyRule> rules) throws PolicyFileException {
        store.save(rules);
        engine.setRules(rules);
    }

    public void undo(long actionId) { engine.undo(actionId); }

    /** Reads the host and evaluates the rules now rather than at the next poll. */
    public void checkNow() { runner.checkSoon(); }

    @Override
    public void close() {
        runner.close();
        engine.undoAll("VMStation's window closed: the power policy stopped");
        supply.close();
    }
}
