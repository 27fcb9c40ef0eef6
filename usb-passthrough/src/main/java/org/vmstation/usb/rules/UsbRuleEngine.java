package org.vmstation.usb.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmstation.usb.host.UsbDevice;

/**
 * Decides which host device goes to which running VM. Pure bookkeeping — no I/O — fed with events (VM
 * started/stopped, device plugged/unplugged, a person's attach/detach) and answering with decisions the
 * caller carries out. Invariant: a device (one plug-in of it) belongs to at most one running VM.
 *
 * <p>Rules apply at VM start to devices present then, to devices plugged in later (a device absent at boot
 * attaches when it appears), and again after a replug. When a VM stops, its devices are offered to the other
 * running VMs' rules, earliest started first.
 */
public final class UsbRuleEngine {
    private final Map<String, List<UsbRule>> running = new LinkedHashMap<>();
    private final Map<String, UsbDevice> present = new LinkedHashMap<>();
    private final Map<String, String> owner = new LinkedHashMap<>();

    public static String key(UsbDevice d) { return d.portPath() + "@" + d.bus() + "/" + d.address(); }

    public synchronized List<UsbDecision> vmStarted(String vmId, List<UsbRule> rules) {
        running.put(vmId, List.copyOf(rules));
        List<UsbDecision> out = new ArrayList<>();
        for (UsbDevice d : present.values()) {
            if (!owner.containsKey(key(d)) && matchesAny(rules, d)) {
                owner.put(key(d), vmId);
                out.add(UsbDecision.attach(vmId, d, "rule matched at VM start"));
            }
        }
        return out;
    }

    /** The VM's rules changed while it runs (a person ticked "remember"): newly matching free devices attach. */
    public synchronized List<UsbDecision> rulesChanged(String vmId, List<UsbRule> rules) {
        if (!running.containsKey(vmId)) return List.of();
        return vmStarted(vmId, rules);
    }

    public synchronized List<UsbDecision> vmStopped(String vmId) {
        running.remove(vmId);
        List<UsbDecision> out = new ArrayList<>();
        List<UsbDevice> released = new ArrayList<>();
        owner.entrySet().removeIf(e -> {
            if (!e.getValue().equals(vmId)) return false;
            UsbDevice d = present.get(e.getKey());
            if (d != null) {
                out.add(UsbDecision.detach(vmId, d, "VM stopped"));
                released.add(d);
            }
            return true;
        });
        for (UsbDevice d : released) offer(d, "released by a stopped VM").ifPresent(out::add);
        return out;
    }

    public synchronized List<UsbDecision> devicePlugged(UsbDevice d) {
        present.put(key(d), d);
        return offer(d, "rule matched when plugged in").map(List::of).orElse(List.of());
    }

    public synchronized List<UsbDecision> deviceUnplugged(UsbDevice d) {
        present.remove(key(d));
        String vm = owner.remove(key(d));
        return vm == null ? List.of() : List.of(UsbDecision.detach(vm, d, "device unplugged"));
    }

    /**
     * A person attaches a device by hand.
     *
     * @throws UsbConflictException when the device is in another running VM (naming it), or the VM is not running
     */
    public synchronized UsbDecision attach(String vmId, UsbDevice d) throws UsbConflictException {
        if (!running.containsKey(vmId)) throw new UsbConflictException(d.displayName() + " cannot be attached: VM " + vmId + " is not running");
        String current = owner.get(key(d));
        if (vmId.equals(current)) throw new UsbConflictException(d.displayName() + " is already attached to this VM");
        if (current != null) throw new UsbConflictException(d.displayName() + " is in use by VM " + current + "; detach it there first");
        present.put(key(d), d);
        owner.put(key(d), vmId);
        return UsbDecision.attach(vmId, d, "attached by the user");
    }

    /** A person detaches a device by hand; empty when it was not in that VM. */
    public synchronized Optional<UsbDecision> detach(String vmId, UsbDevice d) {
        if (!vmId.equals(owner.get(key(d)))) return Optional.empty();
        owner.remove(key(d));
        return Optional.of(UsbDecision.detach(vmId, d, "detached by the user"));
    }

    /** A carried-out attach failed: forget the assignment so the device counts as free. */
    public synchronized void attachFailed(UsbDecision decision) {
        owner.remove(key(decision.device()), decision.vmId());
    }

    /** The running VM that holds the device, if any. */
    public synchronized Optional<String> ownerOf(UsbDevice d) { return Optional.ofNullable(owner.get(key(d))); }

    public synchronized boolean isRunning(String vmId) { return running.containsKey(vmId); }

    private Optional<UsbDecision> offer(UsbDevice d, String reason) {
        if (owner.containsKey(key(d))) return Optional.empty();
        for (Map.Entry<String, List<UsbRule>> vm : running.entrySet()) {
            if (matchesAny(vm.getValue(), d)) {
                owner.put(key(d), vm.getKey());
                return Optional.of(UsbDecision.attach(vm.getKey(), d, reason));
            }
        }
        return Optional.empty();
    }

    private static boolean matchesAny(List<UsbRule> rules, UsbDevice d) {
        for (UsbRule r : rules) if (r.matches(d)) return true;
        return false;
    }
}
