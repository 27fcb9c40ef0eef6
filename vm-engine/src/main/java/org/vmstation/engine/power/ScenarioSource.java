package org.vmstation.engine.power;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Replays a {@link PowerScenario} in real time from {@link #start}; each step's outcome goes to the log. */
public final class ScenarioSource implements PowerSource {
    private static final System.Logger LOG = System.getLogger(ScenarioSource.class.getName());
    private final PowerScenario scenario;
    private final PowerState base;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private Thread thread;

    public ScenarioSource(PowerScenario scenario, PowerState base) {
        this.scenario = scenario;
        this.base = base;
    }

    @Override public String name() { return "script"; }

    @Override public PowerState initialState() { return scenario.initialState(base); }

    /** Receives one line per replayed step: {@code t=12.003s charge 77 %: guest notified (...) (done at 13.2s)}. */
    public void onStep(Consumer<String> listener) { listeners.add(listener); }

    @Override
    public synchronized void start(PowerController controller) {
        thread = Thread.ofPlatform().daemon().name("power-scenario").start(() -> replay(controller));
    }

    /** Replays on the calling thread; returns at the end or when interrupted. */
    public void replay(PowerController controller) {
        long start = System.nanoTime();
        for (PowerScenario.Step step : scenario.steps()) {
            // a stop during a step's change leaves the flag set: no later step may start, even one due at once
            if (Thread.currentThread().isInterrupted()) return;
            if (step.atMillis() == 0 && step.press() == PowerScenario.Press.NONE) continue; // part of the initial state
            long wait = step.atMillis() - (System.nanoTime() - start) / 1_000_000;
            try {
                if (wait > 0) Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            double startedAt = (System.nanoTime() - start) / 1e9;
            String outcome;
            try {
                ChangeResult r = switch (step.press()) {
                    case SLEEP -> { controller.change(step.edit()); yield controller.pressSleep(); }
                    case POWER -> { controller.change(step.edit()); yield controller.pressPowerButton(); }
                    case NONE -> controller.change(step.edit());
                };
                outcome = r.message();
            } catch (Exception e) {
                outcome = "failed: " + e.getMessage();
            }
            String line = String.format(Locale.ROOT, "t=%.3fs %s: %s (done at %.3fs)", startedAt, step.description(), outcome,
                    (System.nanoTime() - start) / 1e9);
            LOG.log(System.Logger.Level.INFO, line);
            for (Consumer<String> l : listeners) l.accept(line);
        }
    }

    /** Stops the replay started by {@link #start}; once this returns it changes nothing more (waits up to 3 s for a step in flight). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) return;
        t.interrupt();
        try {
            t.join(3_000); // a battery change takes ~1.2 s
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
