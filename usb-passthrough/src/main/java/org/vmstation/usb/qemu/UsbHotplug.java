package org.vmstation.usb.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.vmstation.engine.qemu.DeviceProps;
import org.vmstation.engine.qmp.QmpCommandException;
import org.vmstation.engine.runtime.VmControl;

/**
 * Hot-plugs USB devices into a running VM over QMP and turns QEMU's terse answers into messages a person can
 * act on. QEMU accepts a {@code usb-host} for a device that is not there (it waits for it), so after
 * {@code device_add} the device's {@code attached} property is checked: a slot that never attached is removed
 * again and reported, instead of silently sitting empty.
 */
public final class UsbHotplug {
    private final Duration attachWait;

    public UsbHotplug(Duration attachWait) {
        this.attachWait = Objects.requireNonNull(attachWait, "attachWait");
    }

    public UsbHotplug() { this(Duration.ofSeconds(3)); }

    /**
     * Adds the device and waits until QEMU reports it attached to the guest's bus.
     *
     * @param what how to name the device in errors, e.g. "SanDisk Cruzer (1-2.3)"
     * @param whyUnattached extra explanation when it does not attach (e.g. the permission diagnosis), or null
     */
    public void attach(VmControl control, DeviceProps device, String what, String whyUnattached) throws UsbAttachException {
        String id = device.id();
        try {
            control.deviceAdd(device);
        } catch (Exception e) {
            throw new UsbAttachException(explainAddFailure(what, device, e), e);
        }
        long deadline = System.nanoTime() + attachWait.toNanos();
        while (true) {
            if (isAttached(control, id)) return;
            if (System.nanoTime() > deadline) break;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            control.deviceDel(id);
        } catch (Exception ignored) {
            // The slot is useless either way; the report below is what matters.
        }
        StringBuilder msg = new StringBuilder("cannot attach " + what + ": QEMU did not find it");
        Map<String, Object> p = device.properties();
        if (p.containsKey("hostbus")) {
            msg.append(" at host bus ").append(p.get("hostbus")).append(" port ").append(p.get("hostport"));
        } else if (p.containsKey("vendorid")) {
            msg.append(String.format(" by vendor/product %04x:%04x", (Integer) p.get("vendorid"), (Integer) p.get("productid")));
        }
        msg.append(" within ").append(attachWait.toMillis()).append(" ms — the device is unplugged, or QEMU cannot open it");
        if (whyUnattached != null && !whyUnattached.isBlank()) msg.append(": ").append(whyUnattached);
        throw new UsbAttachException(msg.toString());
    }

    /** Removes a device added with {@link #attach}; a device that is already gone is not an error. */
    public void detach(VmControl control, String id, String what) throws UsbAttachException {
        try {
            control.deviceDel(id);
        } catch (QmpCommandException e) {
            if ("DeviceNotFound".equals(e.errorClass())) return;
            throw new UsbAttachException("cannot detach " + what + " (QEMU device '" + id + "'): " + e.description(), e);
        } catch (Exception e) {
            throw new UsbAttachException("cannot detach " + what + " (QEMU device '" + id + "'): " + e.getMessage(), e);
        }
    }

    /** Whether the QEMU USB device with this id is plugged into the guest's bus right now. */
    public static boolean isAttached(VmControl control, String id) throws UsbAttachException {
        try {
            JsonNode v = control.command("qom-get", Map.of("path", "/machine/peripheral/" + id, "property", "attached"));
            return v != null && v.asBoolean(false);
        } catch (QmpCommandException e) {
            return false; // no such device (any more)
        } catch (Exception e) {
            throw new UsbAttachException("cannot ask QEMU whether USB device '" + id + "' is attached: " + e.getMessage(), e);
        }
    }

    static String explainAddFailure(String what, DeviceProps device, Exception e) {
        String desc = e instanceof QmpCommandException q ? q.description() : String.valueOf(e.getMessage());
        String bus = String.valueOf(device.properties().get("bus"));
        if (desc.contains("Bus '" + bus + "' not found")) {
            return "cannot attach " + what + ": the VM has no USB controller '" + bus
                    + "' (VMStation adds qemu-xhci with id 'xhci'; was this VM started by another tool?)";
        }
        if (desc.contains("Duplicate") || desc.contains("already")) {
            return "cannot attach " + what + ": a device with id '" + device.id() + "' is already in this VM";
        }
        return "cannot attach " + what + " (" + device.driver() + " '" + device.id() + "'): QEMU said: " + desc;
    }
}
