package org.vmstation.app.gui.usb;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.Notification;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.VmCatalog;
import org.vmstation.app.gui.task.BackgroundTask;
import org.vmstation.app.gui.task.TaskExecutor;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.usb.host.UsbDevice;
import org.vmstation.usb.rules.UsbRule;
import org.vmstation.usb.service.HostDeviceState;
import org.vmstation.usb.service.UsbService;

/**
 * The USB section and dialog: the host's devices with their state for the selected VM, one-click
 * connect/disconnect while it runs, and "remember" (an auto-connect rule saved in the VM's settings).
 * Plain Java over {@link UsbService}; blocking calls go through the executor.
 */
public final class UsbViewModel {
    public static final String NO_DEVICES = "No USB devices found on this computer";

    private final UsbService usb;
    private final VmCatalog catalog;
    private final TaskExecutor executor;
    private final NotificationCenter notifications;
    private final Function<String, String> vmNames;
    private final Consumer<VmDefinition> onSaved;
    private final ObjectProperty<VmItem> vm = new SimpleObjectProperty<>(this, "vm");
    private final ObservableList<UsbDeviceRow> rows = FXCollections.observableArrayList();
    private final StringProperty emptyText = new SimpleStringProperty(this, "emptyText", "Looking for USB devices…");
    private final StringProperty hint = new SimpleStringProperty(this, "hint", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final InvalidationListener vmChanged = o -> render();
    private List<HostDeviceState> devices = List.of();

    /**
     * @param vmNames the name of a VM by id, for "in use by ..."
     * @param onSaved called with the definition saved after a rule change (the window updates its list)
     */
    public UsbViewModel(UsbService usb, VmCatalog catalog, TaskExecutor executor, NotificationCenter notifications,
                        Function<String, String> vmNames, Consumer<VmDefinition> onSaved) {
        this.usb = usb;
        this.catalog = catalog;
        this.executor = executor;
        this.notifications = notifications;
        this.vmNames = vmNames;
        this.onSaved = onSaved;
        vm.addListener((o, old, now) -> {
            if (old != null) {
                old.stateProperty().removeListener(vmChanged);
                old.definitionProperty().removeListener(vmChanged);
            }
            if (now != null) {
                now.stateProperty().addListener(vmChanged);
                now.definitionProperty().addListener(vmChanged);
            }
            render();
        });
        usb.onChange(() -> executor.runOnUiThread(this::refresh));
        usb.onProblem(message -> executor.runOnUiThread(() -> notifications.post(new Notification(Notification.Kind.ERROR,
                "USB device not connected", message, "Open Machine › USB devices to see why and how to fix it."))));
    }

    /** The VM the section is about; null shows the devices without actions. */
    public ObjectProperty<VmItem> vmProperty() { return vm; }

    public ObservableList<UsbDeviceRow> rows() { return rows; }

    /** What the empty list says. */
    public StringProperty emptyTextProperty() { return emptyText; }

    /** One line under the list: what connecting needs for the selected VM. */
    public StringProperty hintProperty() { return hint; }

    public BooleanProperty busyProperty() { return busy; }

    /** Reads the host's devices again (in the background). */
    public void refresh() {
        executor.execute(BackgroundTask.of("Listing USB devices", p -> usb.devices())
                .onSuccess(found -> {
                    devices = List.copyOf(found);
                    render();
                })
                .onFailure(e -> {
                    devices = List.of();
                    render();
                    emptyText.set("Cannot list USB devices: " + e.getMessage());
                }));
    }

    /** Connects a free device to the running VM, or disconnects it from this VM. */
    public void toggle(UsbDeviceRow row) {
        VmItem item = vm.get();
        if (item == null || !row.actionEnabled()) return;
        VmDefinition def = item.definition();
        UsbDevice device = row.state().device();
        boolean connect = row.action() == UsbDeviceRow.Action.CONNECT;
        busy.set(true);
        executor.execute(BackgroundTask.ofRunnable((connect ? "Connecting " : "Disconnecting ") + device.displayName(), () -> {
                    if (connect) usb.attach(def, device);
                    else usb.detach(def, device);
                })
                .onFailure(e -> notifications.post(new Notification(Notification.Kind.ERROR,
                        "Could not " + (connect ? "connect " : "disconnect ") + device.displayName(), e.getMessage(),
                        connect ? "Check the device is plugged in and that you may open it (the USB list shows what to fix)." : "")))
                .onFinally(() -> {
                    busy.set(false);
                    refresh();
                }));
    }

    /** Ticks or unticks "remember": the selected VM connects this device at every start (saved at once). */
    public void setRemembered(UsbDeviceRow row, boolean remember) {
        VmItem item = vm.get();
        if (item == null || row.remembered() == remember) return;
        UsbDevice device = row.state().device();
        VmDefinition def = item.definition();
        executor.execute(BackgroundTask.of((remember ? "Remembering " : "Forgetting ") + device.displayName(), p -> {
                    VmDefinition updated = def;
                    if (remember) {
                        // the serial number tells identical devices apart; without one, any such device matches
                        updated = usb.addRule(def, UsbRule.forDevice(device, device.serial() != null, false));
                    } else {
                        for (UsbRule r : usb.rules(def)) if (r.matches(device)) updated = usb.removeRule(updated, r);
                    }
                    catalog.update(updated);
                    return updated;
                })
                .onSuccess(saved -> {
                    onSaved.accept(saved);
                    if (vm.get() != null && vm.get().id().equals(saved.id()) && vm.get().definition() != saved) vm.get().setDefinition(saved);
                    render();
                })
                .onFailure(e -> {
                    notifications.error("Could not save the USB rule of " + def.name(), e);
                    render();
                }));
    }

    private void render() {
        VmItem item = vm.get();
        rows.setAll(rowsFor(devices, item, vmNames));
        emptyText.set(NO_DEVICES);
        if (item == null) hint.set("Select a VM to connect devices to it.");
        else if (running(item)) hint.set("Connect gives a device to " + item.name() + " now; Remember connects it at every start.");
        else hint.set(item.name() + " is not running: tick Remember to connect a device when it starts.");
    }

    static boolean running(VmItem item) {
        return item.state() == VmState.RUNNING || item.state() == VmState.PAUSED;
    }

    /** The rows for {@code item} (null: no VM selected); pure, so the rules are tested without a toolkit. */
    public static List<UsbDeviceRow> rowsFor(List<HostDeviceState> devices, VmItem item, Function<String, String> vmNames) {
        List<UsbRule> rules = List.of();
        String rulesError = null;
        if (item != null) {
            try {
                rules = org.vmstation.usb.rules.UsbRules.of(item.definition());
            } catch (IllegalArgumentException e) {
                rulesError = e.getMessage();
            }
        }
        List<UsbDeviceRow> out = new ArrayList<>(devices.size());
        for (HostDeviceState s : devices) {
            UsbDevice d = s.device();
            String detail = d.ids() + " · " + d.speed().describe() + " · port " + d.portPath();
            boolean here = item != null && s.inVm(item.id());
            String status = switch (s.state()) {
                case FREE -> "Available";
                case IN_VM -> here ? "Connected to this VM" : "In use by " + vmNames.apply(s.vmId());
                case NOT_ACCESSIBLE -> "No permission to use it";
            };
            UsbDeviceRow.Action action = here ? UsbDeviceRow.Action.DISCONNECT : UsbDeviceRow.Action.CONNECT;
            boolean enabled;
            String why;
            if (item == null) {
                enabled = false;
                why = "Select a VM first";
            } else if (here) {
                enabled = true;
                why = "Give " + d.displayName() + " back to this computer";
            } else if (s.state() == HostDeviceState.State.IN_VM) {
                enabled = false;
                why = "Disconnect it from " + vmNames.apply(s.vmId()) + " first";
            } else if (s.state() == HostDeviceState.State.NOT_ACCESSIBLE) {
                enabled = false;
                why = s.access().describe();
            } else if (!running(item)) {
                enabled = false;
                why = "Start " + item.name() + " to connect devices; tick Remember to connect this one at every start";
            } else {
                enabled = true;
                why = "Connect " + d.displayName() + " to " + item.name() + " (this computer loses it meanwhile)";
            }
            boolean remembered = rules.stream().anyMatch(r -> r.matches(d));
            String problem = s.problem() != null ? s.problem()
                    : s.state() == HostDeviceState.State.NOT_ACCESSIBLE ? s.access().reason()
                    : rulesError != null ? rulesError : "";
            out.add(new UsbDeviceRow(s, d.displayName(), detail, status, action, enabled, why, remembered, problem));
        }
        return out;
    }
}
