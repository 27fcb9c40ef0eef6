package org.vmstation.app.gui.actions;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.vmstation.app.gui.library.LibraryViewModel;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.VmCatalog;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.engine.runtime.VmStatus;
import org.vmstation.graphics.gl.ThreeDFallbackStarter;

/**
 * The selection and what can be done to it. Enabling follows {@link VmAction}'s rules and updates whenever the
 * selection or a selected VM's state changes; running an action goes through the executor and reports the new
 * state back to the library list at once rather than waiting for the next poll.
 */
public final class VmActionsViewModel {
    /** How long a guest gets to react to the ACPI power button before the user is offered power-off. */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    private final VmHost host;
    private final VmCatalog catalog;
    private final TaskExecutor executor;
    private final LibraryViewModel library;
    private final NotificationCenter notifications;
    private final ObservableList<VmItem> selection = FXCollections.observableArrayList(
            i -> new javafx.beans.Observable[] {i.stateProperty()});
    private final Map<VmAction, BooleanProperty> enabled = new EnumMap<>(VmAction.class);
    private final Map<VmAction, StringProperty> reasons = new EnumMap<>(VmAction.class);
    private ShutdownPrompt shutdownPrompt = vm -> false;
    private VmStarter starter;
    /** The last start from this window of each VM (by id): what 3-D mode it got and, after a fallback, what failed. */
    private final ObservableMap<String, ThreeDFallbackStarter.Outcome> startOutcomes = FXCollections.observableHashMap();
    private Duration shutdownTimeout = SHUTDOWN_TIMEOUT;

    public VmActionsViewModel(VmHost host, VmCatalog catalog, TaskExecutor executor, LibraryViewModel library,
                              NotificationCenter notifications) {
        this.host = host;
        this.catalog = catalog;
        this.executor = executor;
        this.library = library;
        this.notifications = notifications;
        this.starter = VmStarter.direct(host);
        for (VmAction a : VmAction.values()) {
            enabled.put(a, new SimpleBooleanProperty(this, a.name()));
            reasons.put(a, new SimpleStringProperty(this, a.name() + "Reason", a.whyDisabled(List.of())));
        }
        selection.addListener((ListChangeListener<VmItem>) c -> refresh());
        refresh();
    }

    /** The view keeps this in step with the list's selection. */
    public ObservableList<VmItem> selection() { return selection; }

    public BooleanProperty enabledProperty(VmAction action) { return enabled.get(action); }

    public StringProperty disabledReasonProperty(VmAction action) { return reasons.get(action); }

    public boolean isEnabled(VmAction action) { return enabled.get(action).get(); }

    public void setShutdownPrompt(ShutdownPrompt prompt) { shutdownPrompt = prompt; }

    public void setShutdownTimeout(Duration timeout) { shutdownTimeout = timeout; }

    /** How Start runs; the application passes the engine's start, which applies the 3-D fallback. */
    public void setStarter(VmStarter starter) { this.starter = java.util.Objects.requireNonNull(starter, "starter"); }

    /** Outcomes of this window's starts by VM id, updated on the JavaFX thread; the console shows their 3-D notes. */
    public ObservableMap<String, ThreeDFallbackStarter.Outcome> startOutcomes() { return startOutcomes; }

    /** Starts, pauses, ... every selected VM. DELETE and SETTINGS are handled by {@link #delete} and the dialog. */
    public void perform(VmAction action) {
        if (!isEnabled(action)) return;
        for (VmItem vm : List.copyOf(selection)) {
            switch (action) {
                case START -> start(vm);
                case PAUSE -> run(vm, "Pausing", null, host::pause);
                case RESUME -> run(vm, "Resuming", null, host::resume);
                case RESET -> run(vm, "Resetting", null, host::reset);
                case POWER_OFF -> run(vm, "Powering off", VmState.STOPPING, host::powerOff);
                case SHUT_DOWN -> shutDown(vm);
                case SETTINGS, DELETE -> throw new IllegalArgumentException(action + " needs a dialog; call the view's handler");
            }
        }
    }

    /** Deletes the selected VMs (the view has asked already). */
    public void delete(boolean keepDisks) {
        if (!isEnabled(VmAction.DELETE)) return;
        for (VmItem vm : List.copyOf(selection)) {
            executor.execute(BackgroundTask.ofRunnable("Deleting " + vm.name(), () -> catalog.delete(vm.id(), keepDisks))
                    .onSuccess(r -> {
                        selection.remove(vm);
                        library.remove(vm.id());
                    })
                    .onFailure(e -> notifications.error("Could not delete " + vm.name(), e)));
        }
    }

    @FunctionalInterface
    private interface HostCall { void call(VmDefinition vm) throws Exception; }

    private void run(VmItem vm, String verb, VmState optimistic, HostCall call) {
        VmDefinition def = vm.definition();
        if (optimistic != null) vm.stateProperty().set(optimistic);
        executor.execute(BackgroundTask.of(verb + " " + vm.name(), p -> {
                    call.call(def);
                    return host.status(def);
                })
                .onSuccess(library::apply)
                .onFailure(e -> {
                    notifications.error(verb + " " + vm.name() + " failed", e);
                    refreshState(def);
                }));
    }

    private void start(VmItem vm) {
        VmDefinition def = vm.definition();
        vm.stateProperty().set(VmState.STARTING);
        VmStarter how = starter;
        executor.execute(BackgroundTask.of("Starting " + vm.name(), p -> {
                    ThreeDFallbackStarter.Outcome outcome = how.start(def);
                    return new Object[] {outcome, host.status(def)};
                })
                .onSuccess(r -> {
                    ThreeDFallbackStarter.Outcome outcome = (ThreeDFallbackStarter.Outcome) r[0];
                    startOutcomes.put(def.id(), outcome);
                    library.apply((VmStatus) r[1]);
                    if (outcome.fellBack()) {
                        notifications.warning("3-D failed for " + vm.name(), outcome.message(),
                                "The VM runs without 3-D. Open its settings (Display) to see what this host offers.");
                    } else if (!outcome.message().isBlank()) {
                        notifications.warning(vm.name() + " runs without 3-D", outcome.message(), "");
                    }
                })
                .onFailure(e -> {
                    notifications.error("Starting " + vm.name() + " failed", e);
                    refreshState(def);
                }));
    }

    private void shutDown(VmItem vm) {
        VmDefinition def = vm.definition();
        vm.stateProperty().set(VmState.STOPPING);
        executor.execute(BackgroundTask.of("Shutting down " + vm.name(), p -> host.shutdown(def, shutdownTimeout))
                .onSuccess(done -> {
                    if (!done && shutdownPrompt.offerPowerOff(vm)) {
                        run(vm, "Powering off", VmState.STOPPING, host::powerOff);
                    } else {
                        refreshState(def);
                    }
                })
                .onFailure(e -> {
                    notifications.error("Shutting down " + vm.name() + " failed", e);
                    refreshState(def);
                }));
    }

    private void refreshState(VmDefinition def) {
        executor.execute(BackgroundTask.of("Reading the state of " + def.name(), p -> host.status(def))
                .onSuccess(library::apply)
                .onFailure(e -> library.apply(VmStatus.stopped(def.id()))));
    }

    private void refresh() {
        List<VmState> states = LibraryViewModel.states(selection);
        for (VmAction a : VmAction.values()) {
            enabled.get(a).set(a.appliesTo(states));
            reasons.get(a).set(a.whyDisabled(states));
        }
    }

    /** For tests and the close dialog: the selected VMs' definitions. */
    public List<VmDefinition> selectedDefinitions() { return selection.stream().map(VmItem::definition).toList(); }

}
