package org.vmstation.engine.power.policy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.vmstation.engine.power.host.HostPowerSupply;

/**
 * Runs a {@link PolicyEngine} against a {@link HostPowerSupply}: reads the host when it announces a change and
 * every {@code interval} in case it does not, and evaluates the rules on one daemon thread (so actions happen in
 * order and never on a caller's thread). {@link #close()} stops following; it leaves the engine's actions as
 * they are (call {@link PolicyEngine#undoAll} first to lift them).
 */
public final class HostPolicyRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HostPolicyRunner.class.getName());
    private final HostPowerSupply supply;
    private final PolicyEngine engine;
    private final ScheduledExecutorService worker;
    private final AutoCloseable subscription;
    private volatile String lastProblem = "";

    private HostPolicyRunner(HostPowerSupply supply, PolicyEngine engine, Duration interval) {
        this.supply = supply;
        this.engine = engine;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "host-power-policy");
            t.setDaemon(true);
            return t;
        });
        this.subscription = supply.subscribe(this::checkSoon);
        worker.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts following {@code supply} at once (the first evaluation runs immediately on the runner's thread). */
    public static HostPolicyRunner start(HostPowerSupply supply, PolicyEngine engine, Duration interval) {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("poll interval must be positive, not " + interval);
        return new HostPolicyRunner(supply, engine, interval);
    }

    public PolicyEngine engine() { return engine; }

    public HostPowerSupply supply() { return supply; }

    /** Reads the host and evaluates again soon, on the runner's thread (e.g. after the user edited the rules). */
    public void checkSoon() {
        if (!worker.isShutdown()) worker.execute(this::check);
    }

    /** Runs {@code work} on the runner's thread, in order with the evaluations. */
    public void submit(Runnable work) {
        if (!worker.isShutdown()) worker.execute(work);
    }

    private void check() {
        try {
            engine.evaluate(supply.read());
            lastProblem = "";
        } catch (IOException | RuntimeException e) {
            String problem = "reading the host's power (" + supply.kind() + "): " + e.getMessage();
            if (!problem.equals(lastProblem)) LOG.log(System.Logger.Level.WARNING, problem); // once, not every poll
            lastProblem = problem;
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "ending the host power subscription: " + e.getMessage());
        }
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
