package org.vmstation.usb.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.DeviceBackend;
import org.vmstation.engine.runtime.VmControl;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.qemu.QemuCommandLine;
import org.vmstation.usb.host.HostUsbBackend;
import org.vmstation.usb.host.UsbAccess;
import org.vmstation.usb.host.UsbAccessReport;
import org.vmstation.usb.host.UsbDevice;
import org.vmstation.usb.host.UsbHostException;
import org.vmstation.usb.host.UsbHotplugListener;
import org.vmstation.usb.qemu.UsbAttachException;
import org.vmstation.usb.qemu.UsbBus;
import org.vmstation.usb.qemu.UsbHostDeviceProps;
import org.vmstation.usb.qemu.UsbHotplug;
import org.vmstation.usb.rules.UsbConflictException;
import org.vmstation.usb.rules.UsbDecision;
import org.vmstation.usb.rules.UsbRule;
import org.vmstation.usb.rules.UsbRuleEngine;
import org.vmstation.usb.rules.UsbRules;

/**
 * The USB surface the window and the CLI use: host devices with their state, attach/detach to running VMs,
 * and per-VM auto-connect rules. Joins the VM life cycle through {@link #deviceBackend()} (give it to the
 * {@code VmHost}) and the host's hotplug feed through {@link #startWatching()}.
 *
 * <p>USB never fails a VM start: a device that cannot be attached is reported through {@link #problems}
 * listeners and in {@link HostDeviceState#problem()}.
 */
public final class UsbService implements AutoCloseable {
    private final HostUsbBackend backend;
    private final UsbAccess access;
    private final UsbHotplug hotplug;
    private final UsbRuleEngine engine = new UsbRuleEngine();
    private final Map<String, VmDefinition> runningVms = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final List<Consumer<String>> problemListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile VmHost host;
    private AutoCloseable watch;

    public UsbService(HostUsbBackend backend, UsbAccess access, UsbHotplug hotplug) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.access = Objects.requireNonNull(access, "access");
        this.hotplug = Objects.requireNonNull(hotplug, "hotplug");
    }

    /** The host used for hot-plug outside a VM's start (the host is built with {@link #deviceBackend()}, so it comes later). */
    public void bind(VmHost vmHost) { this.host = Objects.requireNonNull(vmHost, "vmHost"); }

    /** Each attach failure, as one sentence for a notification. */
    public void onProblem(Consumer<String> listener) { problemListeners.add(listener); }

    /** Called (on a background thread) whenever device states may have changed. */
    public void onChange(Runnable listener) { changeListeners.add(listener); }

    /** Host devices now, each with its state. */
    public List<HostDeviceState> devices() throws UsbHostException {
        List<HostDeviceState> out = new ArrayList<>();
        for (UsbDevice d : backend.enumerate()) {
            UsbAccessReport report = access.explain(d);
            String vm = engine.ownerOf(d).orElse(null);
            HostDeviceState.State state = vm != null ? HostDeviceState.State.IN_VM
                    : report.accessible() ? HostDeviceState.State.FREE : HostDeviceState.State.NOT_ACCESSIBLE;
            out.add(new HostDeviceState(d, state, vm, report, problems.get(UsbRuleEngine.key(d))));
        }
        return out;
    }

    /** Attaches a host device to a running VM now. */
    public void attach(VmDefinition vm, UsbDevice device) throws UsbAttachException, UsbConflictException {
        UsbDecision decision = engine.attach(vm.id(), device);
        UsbAttachException failure = carryOut(decision, null);
        if (failure != null) throw failure;
    }

    /** Detaches a host device from a running VM; a device that was not in it is left alone. */
    public void detach(VmDefinition vm, UsbDevice device) throws UsbAttachException {
        var decision = engine.detach(vm.id(), device);
        if (decision.isPresent()) {
            VmHost h = requireHost();
            try {
                h.withControl(vm, control -> {
                    hotplug.detach(control, UsbBus.hostDeviceId(device.portPath()), device.displayName());
                    return null;
                });
            } catch (Exception e) {
                throw new UsbAttachException("cannot detach " + device.displayName() + " from VM '" + vm.name() + "': " + e.getMessage(), e);
            }
            fireChange();
        }
    }

    public List<UsbRule> rules(VmDefinition vm) { return UsbRules.of(vm); }

    /** Adds an auto-connect rule; returns the definition to store in the library. A running VM gets matching free devices now. */
    public VmDefinition addRule(VmDefinition vm, UsbRule rule) {
        VmDefinition updated = UsbRules.add(vm, rule);
        if (runningVms.containsKey(vm.id())) {
            runningVms.put(vm.id(), updated);
            engine.rulesChanged(vm.id(), UsbRules.of(updated)).forEach(d -> carryOut(d, null));
        }
        return updated;
    }

    public VmDefinition removeRule(VmDefinition vm, UsbRule rule) {
        VmDefinition updated = UsbRules.remove(vm, rule);
        if (runningVms.containsKey(vm.id())) {
            runningVms.put(vm.id(), updated);
            engine.rulesChanged(vm.id(), UsbRules.of(updated));
        }
        return updated;
    }

    /** Starts following host hotplug events: rules attach devices as they appear. */
    public synchronized void startWatching() {
        if (watch != null) return;
        watch = backend.watch(new UsbHotplugListener() {
            @Override public void plugged(UsbDevice device) {
                engine.devicePlugged(device).forEach(d -> carryOut(d, null));
                fireChange();
            }

            @Override public void unplugged(UsbDevice device) {
                problems.remove(UsbRuleEngine.key(device));
                engine.deviceUnplugged(device).forEach(d -> carryOut(d, null));
                fireChange();
            }
        });
    }

    /** The backend to hand to the VM host: applies rules when a VM starts and releases devices when it stops. */
    public DeviceBackend deviceBackend() {
        return new DeviceBackend() {
            @Override public String name() { return "usb"; }

            @Override public void contribute(VmDefinition vm, BackendContext context, QemuCommandLine commandLine) {
                // Host devices are added over QMP in attach(), by the same builder as hot-plug; the xHCI
                // controller comes from the argument builder.
            }

            @Override public void attach(VmDefinition vm, BackendContext context, VmControl control) {
                runningVms.put(vm.id(), vm);
                List<UsbRule> rules;
                try {
                    rules = UsbRules.of(vm);
                } catch (IllegalArgumentException e) {
                    report("VM '" + vm.name() + "': " + e.getMessage());
                    rules = List.of();
                }
                try {
                    for (UsbDevice d : backend.enumerate()) engine.devicePlugged(d);
                } catch (UsbHostException e) {
                    report("cannot list host USB devices: " + e.getMessage());
                }
                engine.vmStarted(vm.id(), rules).forEach(d -> carryOut(d, control));
                fireChange();
            }

            @Override public void detach(VmDefinition vm, BackendContext context) {
                runningVms.remove(vm.id());
                // The VM's QEMU is gone, so its own devices need no device_del; devices it released may go elsewhere.
                engine.vmStopped(vm.id()).stream().filter(d -> d.action() == UsbDecision.Action.ATTACH).forEach(d -> carryOut(d, null));
                fireChange();
            }
        };
    }

    /**
     * Executes one decision against the VM's monitor; failures are reported, and a failed attach frees the device.
     * @return the failure, or null
     */
    private UsbAttachException carryOut(UsbDecision decision, VmControl control) {
        UsbDevice d = decision.device();
        try {
            if (decision.action() == UsbDecision.Action.ATTACH) {
                UsbAccessReport report = access.explain(d);
                String why = report.accessible() ? null : report.describe();
                run(decision.vmId(), control, c -> hotplug.attach(c, UsbHostDeviceProps.forDevice(d), d.displayName() + " (" + d.portPath() + ")", why));
                problems.remove(UsbRuleEngine.key(d));
            } else {
                run(decision.vmId(), control, c -> hotplug.detach(c, UsbBus.hostDeviceId(d.portPath()), d.displayName()));
            }
        } catch (UsbAttachException e) {
            if (decision.action() == UsbDecision.Action.ATTACH) engine.attachFailed(decision);
            problems.put(UsbRuleEngine.key(d), e.getMessage());
            report(e.getMessage());
            return e;
        }
        return null;
    }

    private interface ControlStep { void apply(VmControl control) throws UsbAttachException; }

    private void run(String vmId, VmControl control, ControlStep step) throws UsbAttachException {
        if (control != null) {
            step.apply(control);
            return;
        }
        VmDefinition vm = runningVms.get(vmId);
        if (vm == null) throw new UsbAttachException("VM " + vmId + " is not running");
        try {
            requireHost().withControl(vm, c -> {
                step.apply(c);
                return null;
            });
        } catch (UsbAttachException e) {
            throw e;
        } catch (Exception e) {
            if (e.getCause() instanceof UsbAttachException u) throw u;
            throw new UsbAttachException("VM '" + vm.name() + "': " + e.getMessage(), e);
        }
    }

    private VmHost requireHost() throws UsbAttachException {
        VmHost h = host;
        if (h == null) throw new UsbAttachException("USB service is not bound to a VM host (call bind first)");
        return h;
    }

    private void report(String message) {
        for (Consumer<String> l : problemListeners) {
            try { l.accept(message); } catch (RuntimeException ignored) { /* one listener's bug must not stop the others */ }
        }
    }

    private void fireChange() {
        for (Runnable r : changeListeners) {
            try { r.run(); } catch (RuntimeException ignored) { /* same */ }
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (watch != null) watch.close();
        watch = null;
    }
}
