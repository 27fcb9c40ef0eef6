package org.vmstation.app.gui.power;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.HostPowerReader;
import org.vmstation.engine.power.HostPowerSource;
import org.vmstation.engine.power.PowerController;
import org.vmstation.engine.power.PowerScenario;
import org.vmstation.engine.power.PowerSettings;
import org.vmstation.engine.power.PowerSource;
import org.vmstation.engine.power.host.HostPowerSources;
import org.vmstation.engine.power.PowerState;
import org.vmstation.engine.power.ScenarioSource;
import org.vmstation.engine.power.StartedPowerSources;
import org.vmstation.engine.runtime.VmRuntimePaths;

/**
 * Runs the non-manual power sources (follow the host's battery, replay a scenario) of the running VMs while
 * the window is open; there is no daemon to do it. Each running VM with power devices gets its chosen source
 * here, unless another VMStation process holds its {@link SourceLease} (a second window, a foreground
 * {@code vmstation power --follow-host/--play}), in which case the status says who runs it. A VM this process
 * started already runs its configured source in the engine's power backend since its start; the runner then
 * only takes the lease on its behalf, and when the user picks another source (or stops the scenario) it stops
 * that one through {@link StartedPowerSources} before its own starts, so two sources never feed one VM. Sources
 * stop when the VM stops or the window closes.
 * <p>
 * Plain Java: {@link #observe} is cheap and may be called on any thread; the work happens on one worker thread.
 */
public final class PowerSourceRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PowerSourceRunner.class.getName());

    private final Function<VmDefinition, VmRuntimePaths> paths;
    private final Function<PowerState, PowerSource> followHost;
    private final String followHostText;
    private final String holder;
    private final StartedPowerSources started;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "power-source-runner");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param paths        where each VM's runtime files are (the host's {@code paths})
     * @param hostReader   the host battery the "follow host" source reads
     * @param hostInterval how often it reads it
     * @param holderName   what this process is, for other processes' messages ("the VMStation window")
     */
    public PowerSourceRunner(Function<VmDefinition, VmRuntimePaths> paths, HostPowerReader hostReader, Duration hostInterval,
                             String holderName) {
        this(paths, base -> new HostPowerSource(hostReader, hostInterval, base), "Following this computer's battery and charger (read every "
                + (hostInterval.toMillis() % 1000 == 0 ? hostInterval.toSeconds() + " s" : hostInterval.toMillis() + " ms") + ").", holderName);
    }

    /**
     * @param followHost     makes the "follow host" source for a VM, starting from the given state
     * @param followHostText what the panel says while it runs
     */
    public PowerSourceRunner(Function<VmDefinition, VmRuntimePaths> paths, Function<PowerState, PowerSource> followHost,
                             String followHostText, String holderName) {
        this(paths, followHost, followHostText, holderName, StartedPowerSources.process());
    }

    /** @param started the sources this process's VM starts began (the engine's power backends list them there) */
    public PowerSourceRunner(Function<VmDefinition, VmRuntimePaths> paths, Function<PowerState, PowerSource> followHost,
                             String followHostText, String holderName, StartedPowerSources started) {
        this.paths = paths;
        this.followHost = followHost;
        this.followHostText = followHostText;
        this.holder = holderName + " (pid " + ProcessHandle.current().pid() + ")";
        this.started = started;
    }

    /** The window's runner: follows this computer through UPower/logind where they answer, sysfs otherwise. */
    public static PowerSourceRunner forWindow(Function<VmDefinition, VmRuntimePaths> paths) {
        return new PowerSourceRunner(paths, base -> HostPowerSources.followHost(Duration.ofSeconds(2), base),
                "Following this computer's battery, charger and lid.", "the VMStation window");
    }

    /** Called with the id of a VM whose {@link #status} changed, on the runner's thread. */
    public void onChange(Consumer<String> listener) { listeners.add(listener); }

    /** Tells the runner a VM's state: it adopts VMs that run and stops the source of VMs that no longer do. */
    public void observe(VmDefinition vm, boolean active) {
        if (active && !entries.containsKey(vm.id())) {
            Entry e = new Entry(vm, paths.apply(vm));
            if (entries.putIfAbsent(vm.id(), e) == null) submit(() -> adopt(e));
        } else if (!active) {
            Entry e = entries.remove(vm.id());
            if (e != null) submit(() -> { stopRun(e); changed(e); });
        }
    }

    /** What runs for {@code vmId}; empty while the VM is not running (or not seen running yet). */
    public Optional<SourceStatus> status(String vmId) {
        Entry e = entries.get(vmId);
        return e == null ? Optional.empty() : Optional.of(e.status);
    }

    /**
     * Switches a running VM's source now: stops what this process runs for it, the source its start began included,
     * and starts {@code choice} ({@code scenario} is the file for {@link SourceChoice#SCRIPT}).
     */
    public void choose(VmDefinition vm, SourceChoice choice, Path scenario) {
        Entry e = entries.get(vm.id());
        if (e == null) return;
        submit(() -> {
            stopRun(e);
            stopStartedSource(e);
            e.choice = choice;
            if (scenario != null) e.scenario = scenario;
            startRun(e, false);
            changed(e);
        });
    }

    /** Stops a playing scenario; the values stay where it left them and the source becomes manual. */
    public void stopScenario(String vmId) {
        Entry e = entries.get(vmId);
        if (e == null) return;
        submit(() -> {
            stopRun(e);
            stopStartedSource(e);
            e.choice = SourceChoice.MANUAL;
            e.set(false, "Scenario stopped; the values stay where it left them. Manual: they change only when you set them.");
            changed(e);
        });
    }

    /** Waits until the work asked for so far is done (tests and orderly shutdown). */
    public void settle(Duration timeout) throws Exception {
        worker.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    // --- on the worker thread ---------------------------------------------------------------------------

    private void adopt(Entry e) {
        PowerSettings settings;
        try {
            settings = PowerSettings.from(e.vm.settings(), e.paths.vmFolder());
        } catch (IllegalArgumentException ex) {
            e.set(false, "The power settings are wrong, so no source runs: " + ex.getMessage());
            changed(e);
            return;
        }
        e.controller = PowerController.of(e.paths);
        if (!settings.enabled() || !e.controller.enabled()) {
            e.set(false, settings.enabled() ? "This VM was started without power devices; they appear at its next start."
                    : "This VM has no battery, charger or lid (power.enabled is off).");
            e.devices = false;
            changed(e);
            return;
        }
        e.choice = SourceChoice.fromSetting(settings.source());
        e.scenario = settings.scenario();
        e.startedSource = startedSource(e);
        // what feeds the VM is what its start began, even if its settings changed since
        if (e.startedSource != null && e.startedSource != SourceChoice.MANUAL) e.choice = e.startedSource;
        startRun(e, true);
        changed(e);
    }

    /** @param adopting first sight of the VM: a source its start began in this process is left running */
    private void startRun(Entry e, boolean adopting) {
        if (!e.devices) return;
        if (e.choice == SourceChoice.MANUAL) {
            e.set(false, "Manual: the values change only when you set them.");
            return;
        }
        // the engine's power backend in this process runs it since the VM started here: only the lease is taken
        boolean startedHere = adopting && e.startedSource == e.choice;
        if (!startedHere && e.choice == SourceChoice.SCRIPT && e.scenario == null) {
            e.set(false, "Choose a scenario file to play.");
            return;
        }
        try {
            Optional<SourceLease> lease = SourceLease.tryTake(e.paths.runtimeDir(), holder);
            if (lease.isEmpty()) {
                e.set(true, e.choice.label() + " runs in " + SourceLease.holder(e.paths.runtimeDir()).orElse("another VMStation process")
                        + ", not in this window.");
                return;
            }
            e.lease = lease.get();
        } catch (IOException ex) {
            e.set(false, "Cannot run the " + describe(e.choice) + " source: " + ex.getMessage());
            return;
        }
        if (startedHere) {
            e.set(true, e.choice == SourceChoice.HOST ? "Following this computer's battery and charger (started with the VM)."
                    : "Playing " + (e.startedScenario == null ? "the scenario" : e.startedScenario.getFileName()) + " (started with the VM).");
            return;
        }
        switch (e.choice) {
            case HOST -> {
                PowerSource source = followHost.apply(PowerState.defaults());
                source.start(e.controller);
                e.host = source;
                e.set(true, followHostText);
            }
            case SCRIPT -> play(e);
            default -> { }
        }
    }

    private void play(Entry e) {
        PowerScenario scenario;
        try {
            scenario = PowerScenario.read(e.scenario);
        } catch (IOException | RuntimeException ex) {
            release(e);
            e.set(false, "Cannot play " + e.scenario + ": " + ex.getMessage());
            return;
        }
        ScenarioSource source = new ScenarioSource(scenario, PowerState.defaults());
        int total = (int) scenario.steps().stream().filter(s -> s.atMillis() > 0 || s.press() != PowerScenario.Press.NONE).count();
        int[] done = {0};
        source.onStep(line -> {
            done[0]++;
            e.status = new SourceStatus(e.choice, true, e.status.text(), "step " + done[0] + " of " + total + ": " + line, e.scenario, true);
            changed(e);
        });
        String name = e.scenario.getFileName().toString();
        e.set(true, "Playing " + name + " (" + total + " steps over " + scenario.durationMillis() / 1000 + " s).");
        e.status = new SourceStatus(e.choice, true, e.status.text(), "", e.scenario, true);
        Thread t = Thread.ofPlatform().daemon().name("power-scenario-" + e.vm.name()).unstarted(() -> {
            try {
                // the step's own initial state: time-0 lines apply at once, as at a VM start
                e.controller.change(scenario::initialState);
                source.replay(e.controller);
            } catch (IOException | RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "power scenario " + name + ": " + ex.getMessage());
            } finally {
                Thread self = Thread.currentThread();
                submit(() -> scenarioEnded(e, self, name));
            }
        });
        e.scenarioThread = t;
        t.start();
    }

    private void scenarioEnded(Entry e, Thread thread, String name) {
        if (e.scenarioThread != thread) return; // stopped or replaced meanwhile
        e.scenarioThread = null;
        release(e);
        e.choice = SourceChoice.MANUAL;
        String last = e.status.step();
        e.status = new SourceStatus(SourceChoice.SCRIPT, false, "Finished playing " + name + "; the values stay where it left them.",
                last, e.scenario, false);
        changed(e);
    }

    private void stopRun(Entry e) {
        if (e.host != null) {
            e.host.close();
            e.host = null;
        }
        if (e.scenarioThread != null) {
            Thread t = e.scenarioThread;
            e.scenarioThread = null;
            t.interrupt();
            try {
                t.join(3_000); // a battery change takes ~1.2 s; let the step in flight end before the next source starts
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        release(e);
    }

    private static void release(Entry e) {
        if (e.lease != null) {
            e.lease.close();
            e.lease = null;
        }
    }

    /** The source the engine's backend in this process started with the VM and still runs, or null if none does. */
    private SourceChoice startedSource(Entry e) {
        try {
            SourceChoice c = started.running(e.vm.id()).map(SourceChoice::fromSetting).orElse(null);
            if (c == SourceChoice.SCRIPT) e.startedScenario = e.scenario;
            return c;
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** Stops the source the VM's start began in this process, if it still runs: another one takes over now. */
    private void stopStartedSource(Entry e) {
        if (e.startedSource == null) return;
        if (started.stop(e.vm.id())) LOG.log(System.Logger.Level.INFO, "power: stopped the " + describe(e.startedSource)
                + " source started with " + e.vm.name() + " (the Power tab switched it)");
        e.startedSource = null;
        e.startedScenario = null;
    }

    private static String describe(SourceChoice c) {
        return switch (c) {
            case HOST -> "follow-host";
            case SCRIPT -> "scenario";
            case MANUAL -> "manual";
        };
    }

    private void changed(Entry e) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(e.vm.id());
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "power source listener: " + ex.getMessage());
            }
        }
    }

    private void submit(Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException ex) {
                    LOG.log(System.Logger.Level.WARNING, "power source runner: " + ex.getMessage(), ex);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the window is closing
        }
    }

    @Override
    public void close() {
        List<Entry> all = List.copyOf(entries.values());
        entries.clear();
        submit(() -> all.forEach(this::stopRun));
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** One running VM; its fields are touched on the worker thread only, {@code status} is read by anyone. */
    private static final class Entry {
        final VmDefinition vm;
        final VmRuntimePaths paths;
        PowerController controller;
        boolean devices = true;
        SourceChoice choice = SourceChoice.MANUAL;
        Path scenario;
        SourceChoice startedSource;
        Path startedScenario;
        SourceLease lease;
        PowerSource host;
        Thread scenarioThread;
        volatile SourceStatus status = SourceStatus.idle("Looking at the VM's power source…");

        Entry(VmDefinition vm, VmRuntimePaths paths) {
            this.vm = vm;
            this.paths = paths;
        }

        void set(boolean running, String text) {
            status = new SourceStatus(choice, running, text, running ? status.step() : "", scenario, false);
        }
    }
}
