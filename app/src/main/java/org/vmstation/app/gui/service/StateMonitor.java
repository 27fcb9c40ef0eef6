package org.vmstation.app.gui.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmStatus;

/**
 * Keeps the window in step with the world without refresh buttons: host events as they happen, plus a poll
 * every {@code period} that re-reads the library (VMs added or changed by the CLI) and asks the host for each
 * VM's true state (a VM started by another process, a guest that powered itself off, a crash).
 */
public final class StateMonitor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StateMonitor.class.getName());

    private final VmCatalog catalog;
    private final VmHost host;
    private final Consumer<Runnable> uiThread;
    private final Consumer<List<VmEntry>> onLibrary;
    private final Consumer<VmStatus> onStatus;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vmstation-state-monitor");
        t.setDaemon(true);
        return t;
    });
    private AutoCloseable watch;
    private volatile String lastError = "";
    /** The library as last read; only the poll thread touches it. */
    private List<VmEntry> entries;
    /**
     * Host events waiting for the JavaFX thread. A burst (the host's first sighting of every VM of a 10,000-VM
     * library comes as one event each) is handed over as one task, not one task per event: each hand-over wakes
     * the JavaFX thread, and 10,000 of them cost it about 0.2 s.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<VmStatus> events = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean eventsHandedOver = new java.util.concurrent.atomic.AtomicBoolean();

    public StateMonitor(VmCatalog catalog, VmHost host, Consumer<Runnable> uiThread,
                        Consumer<List<VmEntry>> onLibrary, Consumer<VmStatus> onStatus) {
        this.catalog = catalog;
        this.host = host;
        this.uiThread = uiThread;
        this.onLibrary = onLibrary;
        this.onStatus = onStatus;
    }

    public void start(Duration period) {
        try {
            watch = host.watch(this::onHostEvent);
        } catch (RuntimeException e) {
            // polling alone still keeps the window correct, only a little later
            LOG.log(Level.WARNING, "host events unavailable, polling only", e);
        }
        timer.scheduleWithFixedDelay(this::pollOnce, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onHostEvent(VmStatus status) {
        events.add(status);
        if (eventsHandedOver.compareAndSet(false, true)) uiThread.accept(this::deliverEvents);
    }

    /** On the JavaFX thread: every event queued so far, in the order they came. */
    private void deliverEvents() {
        // cleared first: an event queued while these are delivered hands over a task of its own
        eventsHandedOver.set(false);
        for (VmStatus s = events.poll(); s != null; s = events.poll()) onStatus.accept(s);
    }

    /** One round of polling; public so tests can drive it without waiting. */
    public void pollOnce() {
        try {
            // always ask, so the first read also consumes the "changed" the catalog starts with (else the second
            // poll re-reads and re-merges the whole library for nothing)
            boolean changed = catalog.changedSinceLastCheck();
            if (entries == null || changed) {
                List<VmEntry> fresh = catalog.list();
                entries = fresh;
                uiThread.accept(() -> onLibrary.accept(fresh));
            }
            List<VmStatus> statuses = new ArrayList<>(entries.size());
            for (VmEntry e : entries) statuses.add(host.status(e.definition()));
            uiThread.accept(() -> statuses.forEach(onStatus));
            lastError = "";
        } catch (Exception | LinkageError e) {
            String msg = String.valueOf(e.getMessage());
            if (!msg.equals(lastError)) LOG.log(Level.WARNING, "state poll failed", e); // once per distinct error
            lastError = msg;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing host watch", e);
            }
        }
    }
}
