package org.vmstation.app.gui.power;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.service.VmCatalog;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.BatteryStatus;
import org.vmstation.engine.power.ChangeResult;
import org.vmstation.engine.power.HostPowerRecord;
import org.vmstation.engine.power.PowerController;
import org.vmstation.engine.power.PowerRegionException;
import org.vmstation.engine.power.PowerSettings;
import org.vmstation.engine.power.PowerState;
import org.vmstation.engine.power.resource.ResourceController;
import org.vmstation.engine.power.resource.ResourceLimits;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmRuntimePaths;

/**
 * The Power tab of the selected VM: what its guest sees of the battery, charger and lid (read back from the
 * shared region, refreshed every second while the tab shows), the source the values come from, the buttons,
 * the scenario player and the live resource controls. Every change says whether the guest was notified; a
 * change that could not be delivered is reported as such, never as done. Plain Java; blocking work goes
 * through the task executor.
 */
public final class PowerPanelViewModel implements AutoCloseable {
    public static final String NOT_RUNNING = "Start the VM to change its battery, charger and lid.";
    public static final String NO_DEVICES = "This VM has no battery, charger or lid.";
    public static final String STARTED_WITHOUT = "This VM was started without its battery, charger and lid; they appear at its next start.";

    private final VmHost host;
    private final VmCatalog catalog;
    private final TaskExecutor executor;
    private final PowerSourceRunner runner;
    private final Consumer<VmDefinition> onSaved;

    private final ObjectProperty<VmItem> vm = new SimpleObjectProperty<>(this, "vm");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final BooleanProperty devices = new SimpleBooleanProperty(this, "devices");
    private final StringProperty unavailable = new SimpleStringProperty(this, "unavailable", "");
    private final BooleanProperty canEnable = new SimpleBooleanProperty(this, "canEnable");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");

    private final IntegerProperty charge = new SimpleIntegerProperty(this, "charge", -1);
    private final StringProperty batteryText = new SimpleStringProperty(this, "batteryText", "");
    private final ObjectProperty<BatteryStatus> batteryStatus = new SimpleObjectProperty<>(this, "batteryStatus");
    private final BooleanProperty acOnline = new SimpleBooleanProperty(this, "acOnline");
    private final BooleanProperty lidClosed = new SimpleBooleanProperty(this, "lidClosed");
    private final StringProperty events = new SimpleStringProperty(this, "events", "");
    private final BooleanProperty eventsDelivered = new SimpleBooleanProperty(this, "eventsDelivered");
    private final StringProperty regionProblem = new SimpleStringProperty(this, "regionProblem", "");
    private final StringProperty lastChange = new SimpleStringProperty(this, "lastChange", "");
    private final BooleanProperty lastChangeDelivered = new SimpleBooleanProperty(this, "lastChangeDelivered", true);

    private final ObjectProperty<SourceChoice> source = new SimpleObjectProperty<>(this, "source", SourceChoice.MANUAL);
    private final StringProperty sourceText = new SimpleStringProperty(this, "sourceText", "");
    private final ObjectProperty<Path> scenario = new SimpleObjectProperty<>(this, "scenario");
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
    private final StringProperty step = new SimpleStringProperty(this, "step", "");

    private final StringProperty cpuLimit = new SimpleStringProperty(this, "cpuLimit", "");
    private final StringProperty diskLimit = new SimpleStringProperty(this, "diskLimit", "");
    private final StringProperty balloon = new SimpleStringProperty(this, "balloon", "");
    private final StringProperty resourceResult = new SimpleStringProperty(this, "resourceResult", "");
    private final BooleanProperty resourceOk = new SimpleBooleanProperty(this, "resourceOk", true);
    private final BooleanProperty keepLimits = new SimpleBooleanProperty(this, "keepLimits");

    private final InvalidationListener stateChanged = o -> refresh();
    private ScheduledExecutorService ticker;
    private ScheduledFuture<?> tick;
    private boolean refreshing;
    private int generation;
    private String shownId;

    public PowerPanelViewModel(VmHost host, VmCatalog catalog, TaskExecutor executor, PowerSourceRunner runner,
                               Consumer<VmDefinition> onSaved) {
        this.host = host;
        this.catalog = catalog;
        this.executor = executor;
        this.runner = runner;
        this.onSaved = onSaved;
        vm.addListener((o, old, now) -> {
            if (old != null) old.stateProperty().removeListener(stateChanged);
            if (now != null) now.stateProperty().addListener(stateChanged);
            // the list may drop the selection for a moment or hand over a new item for the same VM when it re-reads
            // the library: keep what was said about that VM
            if (now != null && !now.id().equals(shownId)) {
                shownId = now.id();
                generation++;
                lastChange.set("");
                resourceResult.set("");
                keepLimits.set(false); // keeping is asked for each VM, never carried over from another
                loadChoices(now.definition());
            }
            refresh();
        });
        runner.onChange(id -> executor.runOnUiThread(() -> {
            if (vm.get() != null && vm.get().id().equals(id)) showSource();
        }));
    }

    // --- reading ----------------------------------------------------------------------------------------

    /** Reads what the guest sees now (in the background) and updates every property. */
    public void refresh() {
        VmItem item = vm.get();
        if (item == null) return;
        VmDefinition def = item.definition();
        boolean active = item.state().isActive();
        running.set(active);
        canEnable.set(!"true".equals(def.settings().getOrDefault(PowerSettings.ENABLED, "false").trim()));
        showSource();
        if (!active) {
            devices.set(false);
            unavailable.set(canEnable.get() ? NO_DEVICES + " Give it laptop power devices, then start it." : NOT_RUNNING);
            clearValues();
            return;
        }
        if (refreshing) return;
        refreshing = true;
        int asked = generation;
        VmRuntimePaths paths = host.paths(def);
        executor.execute(BackgroundTask.of("Reading the power devices of " + def.name(), p -> GuestView.read(paths))
                .onSuccess(view -> { if (asked == generation) show(view); })
                .onFailure(e -> { if (asked == generation) unavailable.set("Cannot read the power devices: " + e.getMessage()); })
                .onFinally(() -> refreshing = false));
    }

    /** What one read found: the host's record and what the shared region (the guest's view) holds. */
    record GuestView(boolean devices, HostPowerRecord record, PowerState guest, String regionProblem) {
        static GuestView read(VmRuntimePaths paths) throws Exception {
            PowerController c = PowerController.of(paths);
            if (!c.enabled()) return new GuestView(false, null, null, "");
            HostPowerRecord record = c.current();
            try {
                return new GuestView(true, record, c.guestView().state(), "");
            } catch (PowerRegionException e) {
                return new GuestView(true, record, record.state(), "The guest overwrote its power region; it sees nonsense until the"
                        + " next change repairs it. (" + e.getMessage() + ")");
            }
        }
    }

    private void show(GuestView view) {
        devices.set(view.devices());
        if (!view.devices()) {
            unavailable.set(canEnable.get() ? NO_DEVICES + " Give it laptop power devices; they appear at its next start." : STARTED_WITHOUT);
            clearValues();
            return;
        }
        unavailable.set("");
        PowerState s = view.guest();
        charge.set(s.batteryPresent() ? s.chargePercent() : -1);
        batteryStatus.set(s.status());
        batteryText.set(!s.batteryPresent() ? "No battery" : s.chargePercent() + " % · " + statusText(s)
                + (s.rateMw() > 0 && s.status() != BatteryStatus.IDLE ? " at " + String.format("%.1f W", s.rateMw() / 1000.0) : ""));
        acOnline.set(s.acOnline());
        lidClosed.set(!s.lidOpen());
        regionProblem.set(view.regionProblem());
        eventsDelivered.set(view.record().delivery().available());
        events.set(view.record().delivery().available()
                ? "Changes reach the guest at once as ACPI notifications (" + view.record().delivery().reason() + ")."
                : "The guest gets no notifications, it only sees new values when it next reads them: " + view.record().delivery().reason());
    }

    private static String statusText(PowerState s) {
        return switch (s.status()) {
            case CHARGING -> "charging";
            case DISCHARGING -> "discharging";
            case IDLE -> s.remainingCapacityMwh() >= s.fullCapacityMwh() ? "full" : "not charging";
        };
    }

    private void clearValues() {
        charge.set(-1);
        batteryText.set("");
        batteryStatus.set(null);
        events.set("");
        regionProblem.set("");
    }

    private void loadChoices(VmDefinition d) {
        Map<String, String> settings = d.settings();
        SourceChoice c;
        try {
            c = SourceChoice.fromSetting(settings.getOrDefault(PowerSettings.SOURCE, "manual"));
        } catch (IllegalArgumentException e) {
            c = SourceChoice.MANUAL;
        }
        source.set(runner.status(d.id()).map(SourceStatus::choice).filter(x -> x != SourceChoice.MANUAL).orElse(c));
        String sc = settings.get(PowerSettings.SCENARIO);
        scenario.set(sc == null || sc.isBlank() ? null : Path.of(sc.trim()));
        cpuLimit.set(settings.getOrDefault(ResourceLimits.CPU_PERCENT, ""));
        String bps = settings.get(ResourceLimits.DISK_BPS);
        try {
            diskLimit.set(bps == null ? "" : Long.toString(Long.parseLong(bps.trim()) / (1024 * 1024)));
        } catch (NumberFormatException e) {
            diskLimit.set(""); // a bad setting is reported where the VM starts; the field just starts empty
        }
        balloon.set(settings.getOrDefault(ResourceLimits.BALLOON_MIB, ""));
    }

    private void showSource() {
        VmItem item = vm.get();
        if (item == null) return;
        var status = runner.status(item.id());
        if (status.isEmpty() || !item.state().isActive()) {
            playing.set(false);
            step.set("");
            sourceText.set(item.state().isActive() ? "" : "Chosen source: " + source.get().label() + " (used while the VM runs).");
            return;
        }
        SourceStatus s = status.get();
        playing.set(s.playing());
        step.set(s.step());
        if (source.get() == SourceChoice.SCRIPT && !s.playing() && s.choice() != SourceChoice.SCRIPT) {
            sourceText.set(scenario.get() == null ? "Choose a scenario file, then press Play." : "Press Play to replay "
                    + scenario.get().getFileName() + ".");
        } else {
            sourceText.set(s.text());
        }
    }

    // --- source and scenario ----------------------------------------------------------------------------

    /** Picks the source: saved for the next start and, for a running VM, switched at once (Script waits for Play). */
    public void chooseSource(SourceChoice choice) {
        VmItem item = vm.get();
        if (item == null || choice == null || choice == source.get()) return;
        source.set(choice);
        if (choice != SourceChoice.SCRIPT || scenario.get() != null) {
            UnaryOperator<VmDefinition> edit = d -> d.withSetting(PowerSettings.SOURCE, choice.setting());
            save(item, edit, "power source");
        }
        if (item.state().isActive()) runner.choose(item.definition(), choice == SourceChoice.SCRIPT ? SourceChoice.MANUAL : choice, null);
        showSource();
    }

    /** The scenario file for the Script source (saved as {@code power.scenario}). */
    public void chooseScenario(Path file) {
        VmItem item = vm.get();
        if (item == null || file == null) return;
        Path abs = file.toAbsolutePath();
        scenario.set(abs);
        source.set(SourceChoice.SCRIPT);
        save(item, d -> d.withSetting(PowerSettings.SCENARIO, abs.toString()).withSetting(PowerSettings.SOURCE, SourceChoice.SCRIPT.setting()),
                "scenario");
        showSource();
    }

    /** Replays the chosen scenario on the running VM from its start. */
    public void play() {
        VmItem item = vm.get();
        if (item == null || scenario.get() == null || !item.state().isActive()) return;
        runner.choose(item.definition(), SourceChoice.SCRIPT, scenario.get());
    }

    public void stopScenario() {
        VmItem item = vm.get();
        if (item != null) runner.stopScenario(item.id());
    }

    // --- manual changes and buttons ---------------------------------------------------------------------

    /** Sets the charge the guest sees, in percent, and what the battery is doing ({@code status} null: as it is). */
    public void setBatteryState(int percent, BatteryStatus status) {
        change("Battery set to " + percent + " %" + (status == null ? "" : ", " + status.label()), s -> {
            PowerState next = s.withChargePercent(percent);
            return status == null ? next : next.withStatus(status);
        });
    }

    /** Plugs the charger in or pulls it; the battery starts or stops charging with it, as on a real laptop. */
    public void setCharger(boolean plugged) {
        change(plugged ? "Charger plugged in" : "Charger pulled", s -> {
            PowerState next = s.withAcOnline(plugged);
            if (!plugged && s.status() == BatteryStatus.CHARGING) next = next.withStatus(BatteryStatus.DISCHARGING);
            if (plugged && s.status() == BatteryStatus.DISCHARGING) {
                next = next.withStatus(s.remainingCapacityMwh() >= s.fullCapacityMwh() ? BatteryStatus.IDLE : BatteryStatus.CHARGING);
            }
            return next;
        });
    }

    public void setLidClosed(boolean closed) {
        change(closed ? "Lid closed" : "Lid opened", s -> s.withLidOpen(!closed));
    }

    public void pressSleep() {
        act("Sleep button pressed", c -> c.pressSleep());
    }

    /** Presses ACPI's power button: the guest decides what to do (most shut down). Works without power devices. */
    public void pressPower() {
        act("Power button pressed", PowerController::pressPowerButton);
    }

    private void change(String what, UnaryOperator<PowerState> edit) {
        act(what, c -> c.change(edit));
    }

    private interface Action {
        ChangeResult on(PowerController c) throws Exception;
    }

    private void act(String what, Action action) {
        VmItem item = vm.get();
        if (item == null || !item.state().isActive()) return;
        VmRuntimePaths paths = host.paths(item.definition());
        int asked = generation;
        busy.set(true);
        lastChange.set(what + "…");
        lastChangeDelivered.set(true);
        executor.execute(BackgroundTask.of(what + " (" + item.name() + ")", p -> action.on(PowerController.of(paths)))
                .onSuccess(r -> {
                    if (asked != generation) return;
                    lastChangeDelivered.set(r.notified());
                    // how it was delivered is said once, in the events line; a failure names its reason here
                    lastChange.set(r.notified() ? what + ": the guest was notified."
                            : what + ": the guest was not notified — " + r.message() + ".");
                })
                .onFailure(e -> {
                    if (asked != generation) return;
                    lastChangeDelivered.set(false);
                    lastChange.set(what + " failed: " + e.getMessage());
                })
                .onFinally(() -> {
                    busy.set(false);
                    refresh();
                }));
    }

    // --- resources --------------------------------------------------------------------------------------
    //
    // Live changes last until the VM stops. With "Keep after restart" ticked, the CPU cap and the disk limit are
    // also saved as the VM's settings (resources.cpu-percent, resources.disk-bps), as VMware keeps a VM's resource
    // allocation: saved only once the running VM took them, or straight away for a stopped VM. The balloon target
    // is never kept: it is how much memory the guest gives back now, and a saved one would shrink every start.

    /** Caps the running VM to {@link #cpuLimitProperty()} percent of one host core; an empty field lifts the cap. */
    public void applyCpuLimit() {
        String text = cpuLimit.get() == null ? "" : cpuLimit.get().trim();
        if (text.isEmpty()) {
            limit("CPU cap lifted", ResourceController::clearCpuLimit, d -> d.withSetting(ResourceLimits.CPU_PERCENT, null));
            return;
        }
        Long v = number(text, "CPU limit");
        if (v == null) return;
        limit("CPU limited to " + v + " % of a host core", rc -> rc.setCpuLimit(v.intValue()),
                d -> d.withSetting(ResourceLimits.CPU_PERCENT, Long.toString(v)));
    }

    /** Limits every disk to {@link #diskLimitProperty()} MiB/s (0 or empty: no limit). */
    public void applyDiskLimit() {
        String text = diskLimit.get() == null ? "" : diskLimit.get().trim();
        Long v = text.isEmpty() ? Long.valueOf(0) : number(text, "Disk limit");
        if (v == null) return;
        if (v > Long.MAX_VALUE / (1024 * 1024)) {
            resourceOk.set(false);
            resourceResult.set("Disk limit " + v + " MiB/s is too large.");
            return;
        }
        long bps = v * 1024 * 1024;
        limit(v == 0 ? "Disk limits lifted" : "Disks limited to " + v + " MiB/s", rc -> rc.setDiskLimit(bps, 0),
                d -> d.withSetting(ResourceLimits.DISK_BPS, v == 0 ? null : Long.toString(bps)));
    }

    /** Asks the guest's balloon driver to shrink the VM to {@link #balloonProperty()} MiB; runtime only, never kept. */
    public void applyBalloon() {
        Long v = number(balloon.get(), "Balloon target");
        if (v == null) return;
        VmItem item = vm.get();
        if (item == null || !item.state().isActive()) return;
        String until = keepLimits.get() ? " (until the VM stops: a balloon target is never kept)." : " (until the VM stops).";
        resource(item, "Balloon target set to " + v + " MiB", rc -> rc.setBalloon(v), null, until);
    }

    private Long number(String text, String what) {
        try {
            long v = Long.parseLong(text == null ? "" : text.trim());
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            resourceOk.set(false);
            resourceResult.set(what + " '" + (text == null ? "" : text.trim()) + "' is not a whole number of 0 or more.");
            return null;
        }
    }

    private interface ResourceAction {
        void on(ResourceController rc) throws Exception;
    }

    /** A CPU or disk limit: live on a running VM, and saved in its settings when the user asked to keep it. */
    private void limit(String what, ResourceAction live, UnaryOperator<VmDefinition> setting) {
        VmItem item = vm.get();
        if (item == null) return;
        boolean keep = keepLimits.get();
        VmDefinition kept = keep ? setting.apply(item.definition()) : null;
        if (kept != null) {
            try {
                // the same check the next start makes: a value it would refuse is not saved
                ResourceLimits.from(kept.settings(), kept.cpus(), kept.memoryMiB());
            } catch (IllegalArgumentException e) {
                resourceOk.set(false);
                resourceResult.set("Not changed: " + e.getMessage() + ".");
                return;
            }
        }
        if (item.state().isActive()) {
            resource(item, what, live, kept, " (until the VM stops).");
        } else if (kept != null) {
            saveLimit(item, kept, what + " from the next start (saved in the VM's settings).", "");
        } else {
            resourceOk.set(true);
            resourceResult.set("The VM is not running: tick \"Keep after restart\" to save this limit for its next start.");
        }
    }

    /** @param kept the definition to save once the live change worked, or null to keep nothing */
    private void resource(VmItem item, String what, ResourceAction action, VmDefinition kept, String until) {
        VmDefinition def = item.definition();
        VmRuntimePaths paths = host.paths(def);
        int asked = generation;
        executor.execute(BackgroundTask.ofRunnable(what + " (" + item.name() + ")", () -> action.on(new ResourceController(def, paths)))
                .onSuccess(r -> {
                    if (asked != generation) return;
                    if (kept != null) {
                        saveLimit(item, kept, what + " now and from every start (saved in the VM's settings).", what + " until the VM stops");
                        return;
                    }
                    resourceOk.set(true);
                    resourceResult.set(what + until);
                })
                .onFailure(e -> {
                    if (asked != generation) return;
                    resourceOk.set(false);
                    resourceResult.set("Could not change it: " + e.getMessage() + (kept != null ? " Nothing was saved." : ""));
                }));
    }

    /** @param liveDone what already happened on the running VM if saving fails ("" for a stopped VM) */
    private void saveLimit(VmItem item, VmDefinition updated, String done, String liveDone) {
        int asked = generation;
        executor.execute(BackgroundTask.ofRunnable("Saving the resource limits of " + updated.name(), () -> catalog.update(updated))
                .onSuccess(r -> {
                    onSaved.accept(updated);
                    if (asked != generation) return;
                    resourceOk.set(true);
                    resourceResult.set(done);
                })
                .onFailure(e -> {
                    if (asked != generation) return;
                    resourceOk.set(false);
                    resourceResult.set((liveDone.isEmpty() ? "" : liveDone + ", but ") + "could not save it: " + e.getMessage());
                }));
    }

    // --- settings ---------------------------------------------------------------------------------------

    /** Gives the VM a battery, charger, lid and sleep button from its next start ({@code power.enabled=true}). */
    public void enableForNextStart() {
        VmItem item = vm.get();
        if (item == null) return;
        save(item, d -> d.withSetting(PowerSettings.ENABLED, "true"), "power devices");
    }

    private void save(VmItem item, UnaryOperator<VmDefinition> edit, String what) {
        VmDefinition updated = edit.apply(item.definition());
        executor.execute(BackgroundTask.ofRunnable("Saving the " + what + " of " + updated.name(), () -> catalog.update(updated))
                .onSuccess(r -> {
                    onSaved.accept(updated);
                    // the list may be re-selecting the VM right now (vm briefly null): what counts is the VM shown
                    if (item.id().equals(shownId)) {
                        refresh();
                        if (what.equals("power devices")) {
                            lastChangeDelivered.set(true);
                            lastChange.set(item.state().isActive() ? "Saved: the battery, charger and lid appear when the VM next starts."
                                    : "Saved: the battery, charger and lid appear when the VM starts.");
                        }
                    }
                })
                .onFailure(e -> {
                    lastChangeDelivered.set(false);
                    lastChange.set("Could not save the " + what + ": " + e.getMessage());
                }));
    }

    // --- refreshing while shown -------------------------------------------------------------------------

    /** The tab is on screen: refresh every second; off screen: stop. */
    public void setShowing(boolean showing) {
        if (showing && tick == null) {
            if (ticker == null) {
                ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "power-panel-refresh");
                    t.setDaemon(true);
                    return t;
                });
            }
            tick = ticker.scheduleWithFixedDelay(() -> executor.runOnUiThread(this::refresh), 0, 1, TimeUnit.SECONDS);
        } else if (!showing && tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    @Override
    public void close() {
        setShowing(false);
        if (ticker != null) ticker.shutdownNow();
    }

    public ObjectProperty<VmItem> vmProperty() { return vm; }
    public BooleanProperty runningProperty() { return running; }
    /** Whether the running VM has power devices (the battery controls work). */
    public BooleanProperty devicesProperty() { return devices; }
    /** Why the battery controls are off, in one sentence; empty when they work. */
    public StringProperty unavailableProperty() { return unavailable; }
    /** Whether the settings say power.enabled=false (the panel offers to turn it on). */
    public BooleanProperty canEnableProperty() { return canEnable; }
    public BooleanProperty busyProperty() { return busy; }
    /** Charge the guest sees, 0-100, or -1 when there is none to show. */
    public IntegerProperty chargeProperty() { return charge; }
    public StringProperty batteryTextProperty() { return batteryText; }
    public ObjectProperty<BatteryStatus> batteryStatusProperty() { return batteryStatus; }
    public BooleanProperty acOnlineProperty() { return acOnline; }
    public BooleanProperty lidClosedProperty() { return lidClosed; }
    public StringProperty eventsProperty() { return events; }
    public BooleanProperty eventsDeliveredProperty() { return eventsDelivered; }
    public StringProperty regionProblemProperty() { return regionProblem; }
    /** What the last change did, and whether the guest was told. */
    public StringProperty lastChangeProperty() { return lastChange; }
    public BooleanProperty lastChangeDeliveredProperty() { return lastChangeDelivered; }
    public ObjectProperty<SourceChoice> sourceProperty() { return source; }
    public StringProperty sourceTextProperty() { return sourceText; }
    public ObjectProperty<Path> scenarioProperty() { return scenario; }
    public BooleanProperty playingProperty() { return playing; }
    public StringProperty stepProperty() { return step; }
    public StringProperty cpuLimitProperty() { return cpuLimit; }
    /** Disk limit in MiB/s (0: none). */
    public StringProperty diskLimitProperty() { return diskLimit; }
    public StringProperty balloonProperty() { return balloon; }
    public StringProperty resourceResultProperty() { return resourceResult; }
    public BooleanProperty resourceOkProperty() { return resourceOk; }
    /** Whether Apply also saves the CPU cap and disk limit in the VM's settings (the balloon is never kept). */
    public BooleanProperty keepLimitsProperty() { return keepLimits; }
}
