package org.vmstation.engine.power;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Follows this computer's battery and AC adapter, polling them every {@code interval}. */
public final class HostPowerSource implements PowerSource {
    private static final System.Logger LOG = System.getLogger(HostPowerSource.class.getName());
    private final HostPowerReader reader;
    private final Duration interval;
    private final PowerState base;
    private ScheduledExecutorService timer;

    public HostPowerSource(HostPowerReader reader, Duration interval, PowerState base) {
        this.reader = reader;
        this.interval = interval;
        this.base = base;
    }

    @Override public String name() { return "host"; }

    @Override
    public PowerState initialState() {
        try {
            return reader.apply(base);
        } catch (IOException | PowerValueException e) {
            LOG.log(System.Logger.Level.WARNING, "reading the host battery: " + e.getMessage());
            return base;
        }
    }

    @Override
    public synchronized void start(PowerController controller) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "power-host-source");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                PowerState now = controller.current().state();
                PowerState host = reader.apply(now);
                if (!host.equals(now)) controller.change(s -> host);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "following the host battery: " + e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops following; once this returns it changes nothing more (waits up to 3 s for a change in flight). */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
        }
        if (t == null) return;
        t.shutdownNow();
        try {
            t.awaitTermination(3, TimeUnit.SECONDS); // a battery change takes ~1.2 s
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
