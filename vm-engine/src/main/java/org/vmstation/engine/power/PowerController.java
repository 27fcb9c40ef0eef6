package org.vmstation.engine.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.vmstation.engine.runtime.MonitorLock;
import org.vmstation.engine.runtime.VmRuntimePaths;

/**
 * Changes the power devices of a running VM from any VMStation process (window, CLI, a source's thread):
 * validates the new state, keeps it as the host's truth, publishes it into the shared region, and raises the
 * guest's event line. Changes are serialized across processes by the VM's power lock.
 */
public final class PowerController {
    /** Linux's battery driver answers from a 1-s cache (battery.cache_time); a later event must come after it. */
    static final long BATTERY_CACHE_MILLIS = 1_000;
    static final long BATTERY_RENOTIFY_MARGIN_MILLIS = 150;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(15);

    private final VmRuntimePaths paths;
    private final PowerFiles files;

    private PowerController(VmRuntimePaths paths) {
        this.paths = paths;
        this.files = PowerFiles.of(paths);
    }

    public static PowerController of(VmRuntimePaths paths) {
        return new PowerController(paths);
    }

    public PowerFiles files() { return files; }

    /** Whether this VM was started with the power devices (its runtime folder holds the host's record). */
    public boolean enabled() {
        return Files.isRegularFile(files.hostState()) && Files.isRegularFile(files.region());
    }

    /** Writes the first record and region for a VM about to start; replaces leftovers of an earlier run. */
    static void initialize(VmRuntimePaths paths, PowerState initial, EventDelivery delivery, String source) throws IOException {
        PowerController c = new PowerController(paths);
        try (MonitorLock.Held lock = MonitorLock.acquire(c.files.lock(), LOCK_TIMEOUT)) {
            Files.deleteIfExists(c.files.region());
            HostPowerRecord record = new HostPowerRecord(initial, ChangeCounters.ZERO, delivery, source, 0);
            try (PowerRegion region = PowerRegion.open(c.files.region())) {
                region.publish(initial, ChangeCounters.ZERO);
            }
            c.save(record);
        }
    }

    /** The host's record: the state the guest is meant to see. */
    public HostPowerRecord current() throws IOException {
        try {
            return HostPowerRecord.decode(Files.readString(files.hostState(), StandardCharsets.UTF_8), files.hostState());
        } catch (NoSuchFileException e) {
            throw new IOException("this VM has no power devices (or is not running): " + files.hostState() + " does not exist;"
                    + " enable them with the setting power.enabled=true and start the VM", e);
        }
    }

    /** What the shared region holds now, checked; an error says which field a guest overwrote. */
    public RegionSnapshot guestView() throws IOException, PowerRegionException {
        try (PowerRegion region = PowerRegion.open(files.region())) {
            return region.read();
        }
    }

    /**
     * Applies {@code edit} to the current state and tells the guest at once. A battery change is announced a
     * second time once Linux's 1-s battery cache has surely expired (this call then takes about 1.2 s), so the
     * guest's uevent carries the new values even if the guest had just read the battery.
     * @throws PowerValueException for a value no device can have; nothing is changed then
     */
    public ChangeResult change(UnaryOperator<PowerState> edit) throws IOException {
        try (MonitorLock.Held lock = MonitorLock.acquire(files.lock(), LOCK_TIMEOUT)) {
            HostPowerRecord before = current();
            PowerState next = edit.apply(before.state());
            ChangeCounters counters = before.counters().after(before.state(), next);
            if (regionTampered()) counters = counters.all(); // the guest may have cached garbage: make it re-read everything
            boolean batteryChanged = counters.battery() != before.counters().battery();
            HostPowerRecord record = before.with(next, counters);
            publish(record);
            if (counters.equals(before.counters())) {
                return new ChangeResult(next, false, "nothing changed");
            }
            ChangeResult result = notifyGuest(record);
            if (batteryChanged && result.notified()) {
                // The guest may have read the battery (and so filled its 1-s cache) just before this event, in which
                // case the event's uevent carries the old values. Announce once more after the cache expired.
                sleep(BATTERY_CACHE_MILLIS + BATTERY_RENOTIFY_MARGIN_MILLIS);
                record = record.with(next, new ChangeCounters(next(counters.battery()), counters.batteryInfo(), counters.ac(),
                        counters.lid(), counters.sleepPresses()));
                publish(record);
                ChangeResult again = notifyGuest(record);
                if (!again.notified()) result = again;
                record = record.withLastBatteryEvent(System.currentTimeMillis());
                save(record);
            }
            return result;
        }
    }

    /** Presses the sleep button once (the guest sees KEY_SLEEP). */
    public ChangeResult pressSleep() throws IOException {
        try (MonitorLock.Held lock = MonitorLock.acquire(files.lock(), LOCK_TIMEOUT)) {
            HostPowerRecord before = current();
            HostPowerRecord record = before.with(before.state(), before.counters().withSleepPress());
            publish(record);
            return notifyGuest(record);
        }
    }

    /** Presses ACPI's fixed power button ({@code system_powerdown}); needs no power devices. */
    public static ChangeResult pressPower(VmRuntimePaths paths) {
        try {
            PowerMonitor.talk(paths, control -> control.command("system_powerdown", Map.of()));
            return new ChangeResult(null, true, "power button pressed (ACPI fixed power button)");
        } catch (Exception e) {
            return new ChangeResult(null, false, "the power button could not be pressed: " + describe(e));
        }
    }

    /** {@link #pressPower(VmRuntimePaths)} for this controller's VM. */
    public ChangeResult pressPowerButton() {
        return pressPower(paths);
    }

    private boolean regionTampered() throws IOException {
        try (PowerRegion region = PowerRegion.open(files.region())) {
            region.read();
            return false;
        } catch (PowerRegionException e) {
            return true;
        }
    }

    private void publish(HostPowerRecord record) throws IOException {
        try (PowerRegion region = PowerRegion.open(files.region())) {
            region.publish(record.state(), record.counters());
        }
        save(record);
    }

    private ChangeResult notifyGuest(HostPowerRecord record) {
        if (!record.delivery().available()) {
            return new ChangeResult(record.state(), false, "the guest reads the new values when it next polls, but gets no"
                    + " notification: " + record.delivery().reason());
        }
        try {
            PowerMonitor.talk(paths, control -> {
                IsaIrqLine.raise(control);
                return null;
            });
            return new ChangeResult(record.state(), true, "guest notified (" + record.delivery().reason() + ")");
        } catch (Exception e) {
            return new ChangeResult(record.state(), false, "the new values are in place, but the guest could not be notified: "
                    + describe(e));
        }
    }

    private void save(HostPowerRecord record) throws IOException {
        java.nio.file.Path tmp = files.hostState().resolveSibling(files.hostState().getFileName() + ".tmp");
        Files.writeString(tmp, record.encode(), StandardCharsets.UTF_8);
        Files.move(tmp, files.hostState(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static long next(long v) { return (v + 1) & 0xFFFF_FFFFL; }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while spacing battery notifications", e);
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.io.UncheckedIOException || e instanceof IOException || m == null) {
            return (m == null ? e.getClass().getSimpleName() : m) + " (is the VM running?)";
        }
        return m;
    }
}
