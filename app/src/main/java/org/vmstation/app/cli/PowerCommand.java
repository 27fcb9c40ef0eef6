package org.vmstation.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.vmstation.app.EngineContext;
import org.vmstation.app.gui.power.SourceLease;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.power.BatteryStatus;
import org.vmstation.engine.power.ChangeResult;
import org.vmstation.engine.power.HostPowerRecord;
import org.vmstation.engine.power.PowerController;
import org.vmstation.engine.power.PowerRegionException;
import org.vmstation.engine.power.PowerScenario;
import org.vmstation.engine.power.PowerState;
import org.vmstation.engine.power.PowerValueException;
import org.vmstation.engine.power.PowerSource;
import org.vmstation.engine.power.ScenarioSource;
import org.vmstation.engine.power.host.HostPowerSources;
import org.vmstation.engine.power.resource.ResourceController;
import org.vmstation.engine.runtime.VmRuntimePaths;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "power", description = {
        "Show or change a running VM's battery, AC adapter and lid, press its power or sleep button, or change its resource limits.",
        "The VM needs the setting power.enabled=true for everything but --press power.",
        "Example: vmstation power NAME --battery 35 --discharging --ac off --lid closed",
        "--follow-host and --play run in the foreground (there is no daemon) until Ctrl-C, the scenario's end or the VM stops."})
final class PowerCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--battery", paramLabel = "PERCENT", description = "Charge left, 0 to 100.") Integer battery;

    @ArgGroup(exclusive = true) Status status;

    static final class Status {
        @Option(names = "--charging", description = "The battery is charging.") boolean charging;
        @Option(names = "--discharging", description = "The battery is discharging.") boolean discharging;
        @Option(names = "--idle", description = "The battery neither charges nor discharges (full on the charger).") boolean idle;
    }

    @Option(names = "--rate", paramLabel = "MW", description = "Charge or discharge rate in mW (0 or more).") Long rate;
    @Option(names = "--ac", paramLabel = "on|off", description = "Plug the charger in or pull it.") String ac;
    @Option(names = "--lid", paramLabel = "open|closed", description = "Open or close the lid.") String lid;
    @Option(names = "--press", paramLabel = "power|sleep", description = "Press the power button or the sleep button.") String press;
    @Option(names = "--show", description = "Print the values the guest sees (the default without changes).") boolean show;
    @Option(names = "--cpu-limit", paramLabel = "PERCENT", description = "Cap the VM's QEMU to this share of one host core (needs a writable cgroup).") Integer cpuLimit;
    @Option(names = "--disk-limit", paramLabel = "BYTES_PER_S", description = "Limit every disk to this many bytes per second (0: no limit).") Long diskLimit;
    @Option(names = "--balloon", paramLabel = "MIB", description = "Balloon target in MiB (the VM needs the setting resources.balloon-mib).") Long balloon;

    @ArgGroup(exclusive = true) Foreground foreground;

    static final class Foreground {
        @Option(names = "--follow-host", description = "Keep the VM's battery and charger in step with this computer's until Ctrl-C or the VM stops.")
        boolean followHost;
        @Option(names = "--play", paramLabel = "SCENARIO_FILE", description = "Replay a power scenario, printing each step, until its end, Ctrl-C or the VM stops.")
        Path play;
    }

    @Override
    public Integer call() {
        try (EngineContext ctx = Cli.open(root.library)) {
            VmEntry entry = Cli.find(ctx, name);
            if (!ctx.host().status(entry.definition()).state().isActive()) {
                throw new CliException(ExitCodes.WRONG_STATE, "VM '" + entry.name() + "' is not running; start it first");
            }
            VmRuntimePaths paths = ctx.host().paths(entry.definition());
            PrintWriter out = root.spec.commandLine().getOut();
            PowerController controller = PowerController.of(paths);
            List<UnaryOperator<PowerState>> edits = edits();
            boolean changed = false;
            if (!edits.isEmpty()) {
                requireEnabled(controller, entry);
                ChangeResult r = controller.change(s -> {
                    PowerState v = s;
                    for (UnaryOperator<PowerState> e : edits) v = e.apply(v);
                    return v;
                });
                report(out, r);
                changed = true;
            }
            if (press != null) {
                ChangeResult r = switch (press.toLowerCase(Locale.ROOT)) {
                    case "power" -> controller.pressPowerButton();
                    case "sleep" -> {
                        requireEnabled(controller, entry);
                        yield controller.pressSleep();
                    }
                    default -> throw new CliException(ExitCodes.USAGE, "--press " + press + ": expected power or sleep");
                };
                report(out, r);
                changed = true;
            }
            changed |= resources(out, entry, paths);
            if (foreground != null) {
                requireEnabled(controller, entry);
                runInForeground(ctx, entry, controller, out);
                changed = true;
            }
            if (show || !changed) {
                requireEnabled(controller, entry);
                show(out, controller);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (PowerValueException e) {
            throw new CliException(ExitCodes.INVALID, e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage(), e);
        }
    }

    /** Runs the chosen source here until it ends, the VM stops or the user presses Ctrl-C (the lock dies with us). */
    private void runInForeground(EngineContext ctx, VmEntry entry, PowerController controller, PrintWriter out) throws IOException {
        VmRuntimePaths paths = ctx.host().paths(entry.definition());
        String what = foreground.followHost ? "vmstation power --follow-host" : "vmstation power --play " + foreground.play.getFileName();
        Optional<SourceLease> lease = SourceLease.tryTake(paths.runtimeDir(), what + " (pid " + ProcessHandle.current().pid() + ")");
        if (lease.isEmpty()) {
            throw new CliException(ExitCodes.WRONG_STATE, "the power source of VM '" + entry.name() + "' already runs in "
                    + SourceLease.holder(paths.runtimeDir()).orElse("another VMStation process") + "; stop it there first"
                    + " (in the window: choose Manual on the VM's Power tab)");
        }
        try (SourceLease held = lease.get()) {
            if (foreground.followHost) followHost(ctx, entry, controller, out);
            else play(ctx, entry, controller, out);
        }
    }

    private void followHost(EngineContext ctx, VmEntry entry, PowerController controller, PrintWriter out) {
        out.printf("Following this computer's battery, charger and lid for VM '%s'. Ctrl-C stops; the VM keeps its last values.%n",
                entry.name());
        out.flush();
        try (PowerSource source = HostPowerSources.followHost(Duration.ofSeconds(2), PowerState.defaults())) {
            source.start(controller);
            while (ctx.host().status(entry.definition()).state().isActive()) sleep(1000);
        }
        out.printf("VM '%s' stopped; no longer following this computer.%n", entry.name());
    }

    private void play(EngineContext ctx, VmEntry entry, PowerController controller, PrintWriter out) throws IOException {
        PowerScenario scenario;
        try {
            scenario = PowerScenario.read(foreground.play);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException(ExitCodes.NOT_FOUND, "scenario file " + foreground.play + " does not exist", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.INVALID, e.getMessage(), e);
        }
        out.printf("Playing %s on VM '%s' (%d s). Ctrl-C stops; the VM keeps the values reached.%n", foreground.play,
                entry.name(), scenario.durationMillis() / 1000);
        report(out, controller.change(scenario::initialState));
        out.flush();
        ScenarioSource source = new ScenarioSource(scenario, PowerState.defaults());
        source.onStep(line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        });
        Thread replay = Thread.ofPlatform().daemon().name("power-scenario").start(() -> source.replay(controller));
        boolean vmStopped = false;
        while (replay.isAlive()) {
            try {
                replay.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                replay.interrupt();
                break;
            }
            if (replay.isAlive() && !ctx.host().status(entry.definition()).state().isActive()) {
                vmStopped = true;
                replay.interrupt();
            }
        }
        synchronized (out) {
            out.println(vmStopped ? "VM '" + entry.name() + "' stopped; the scenario ends here." : "Scenario finished.");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean resources(PrintWriter out, VmEntry entry, VmRuntimePaths paths) {
        if (cpuLimit == null && diskLimit == null && balloon == null) return false;
        ResourceController rc = new ResourceController(entry.definition(), paths);
        try {
            if (cpuLimit != null) {
                rc.setCpuLimit(cpuLimit);
                out.printf("CPU limited to %d %% of a host core.%n", cpuLimit);
            }
            if (diskLimit != null) {
                rc.setDiskLimit(diskLimit, 0);
                out.println(diskLimit == 0 ? "Disk limits lifted." : "Disks limited to " + diskLimit + " bytes per second.");
            }
            if (balloon != null) {
                rc.setBalloon(balloon);
                out.printf("Balloon target set to %d MiB.%n", balloon);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.INVALID, e.getMessage(), e);
        } catch (Exception e) {
            throw new CliException(ExitCodes.ERROR, "VM '" + entry.name() + "': " + e.getMessage(), e);
        }
        return true;
    }

    private List<UnaryOperator<PowerState>> edits() {
        List<UnaryOperator<PowerState>> edits = new ArrayList<>();
        if (battery != null) {
            int p = battery;
            edits.add(s -> s.withChargePercent(p));
        }
        if (status != null) {
            BatteryStatus st = status.charging ? BatteryStatus.CHARGING : status.discharging ? BatteryStatus.DISCHARGING : BatteryStatus.IDLE;
            edits.add(s -> s.withStatus(st));
        }
        if (rate != null) {
            long r = rate;
            edits.add(s -> s.withRate(r));
        }
        if (ac != null) {
            boolean on = choice("--ac", ac, "on", "off");
            edits.add(s -> s.withAcOnline(on));
        }
        if (lid != null) {
            boolean open = choice("--lid", lid, "open", "closed");
            edits.add(s -> s.withLidOpen(open));
        }
        return edits;
    }

    private static boolean choice(String option, String value, String yes, String no) {
        if (value.equalsIgnoreCase(yes)) return true;
        if (value.equalsIgnoreCase(no)) return false;
        throw new CliException(ExitCodes.USAGE, option + " " + value + ": expected " + yes + " or " + no);
    }

    private static void requireEnabled(PowerController controller, VmEntry entry) {
        if (!controller.enabled()) {
            throw new CliException(ExitCodes.WRONG_STATE, "VM '" + entry.name() + "' has no battery, adapter or lid: set power.enabled=true"
                    + " in its settings and restart it");
        }
    }

    private static void report(PrintWriter out, ChangeResult r) {
        out.println(r.notified() ? r.message() : "warning: " + r.message());
    }

    private static void show(PrintWriter out, PowerController controller) throws IOException {
        HostPowerRecord rec = controller.current();
        PowerState s = rec.state();
        out.printf("Battery:  %s, %d %% (%d of %d mWh, design %d mWh), %s, rate %d mW, %d mV, %d cycles%n",
                s.batteryPresent() ? "present" : "absent", s.chargePercent(), s.remainingCapacityMwh(), s.fullCapacityMwh(),
                s.designCapacityMwh(), s.status().label(), s.rateMw(), s.voltageMv(), s.cycleCount());
        out.printf("          %s %s, serial %s, by %s%n", s.batteryType(), s.model(), s.serial(), s.manufacturer());
        out.printf("AC:       %s%n", s.acOnline() ? "online" : "offline");
        out.printf("Lid:      %s%n", s.lidOpen() ? "open" : "closed");
        out.printf("Source:   %s%n", rec.source());
        out.printf("Events:   %s%n", rec.delivery().available() ? "notified at once (" + rec.delivery().reason() + ")"
                : "not delivered, the guest only polls: " + rec.delivery().reason());
        try {
            PowerState guest = controller.guestView().state();
            out.printf("Region:   %s%n", guest.equals(s) ? "intact" : "differs from the host's values (a change is in flight)");
        } catch (PowerRegionException e) {
            out.printf("Region:   overwritten by the guest, the next change repairs it (%s)%n", e.getMessage());
        }
    }
}
