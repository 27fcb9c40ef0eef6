package org.vmstation.engine.power.host;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.vmstation.engine.power.PowerController;
import org.vmstation.engine.power.PowerSource;
import org.vmstation.engine.power.PowerState;

/**
 * A VM power source ({@code power.source=host}) that follows a {@link HostPowerSupply}: it re-reads the supply
 * when the supply announces a change and every {@code interval} in case it does not, and pushes differences to
 * the VM's {@link PowerController} from one daemon thread (so changes reach the guest in order).
 */
public final class FollowHostSource implements PowerSource {
    private static final System.Logger LOG = System.getLogger(FollowHostSource.class.getName());
    private final HostPowerSupply supply;
    private final Duration interval;
    private final PowerState base;
    private final boolean ownsSupply;
    private ScheduledExecutorService worker;
    private AutoCloseable subscription;

    /** Follows {@code supply}, which the caller keeps and closes. */
    public FollowHostSource(HostPowerSupply supply, Duration interval, PowerState base) {
        this(supply, interval, base, false);
    }

    /** @param ownsSupply close {@code supply} when this source closes */
    public FollowHostSource(HostPowerSupply supply, Duration interval, PowerState base, boolean ownsSupply) {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("poll interval must be positive, not " + interval);
        this.supply = supply;
        this.interval = interval;
        this.base = base;
        this.ownsSupply = ownsSupply;
    }

    @Override public String name() { return "host"; }

    public HostPowerSupply supply() { return supply; }

    @Override
    public PowerState initialState() {
        try {
            return supply.read().applyTo(base);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading the host's power supply (" + supply.kind() + "): " + e.getMessage());
            return base;
        }
    }

    @Override
    public synchronized void start(PowerController controller) {
        if (worker != null) throw new IllegalStateException("this host source is already started");
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "power-follow-host");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService w = worker;
        Runnable follow = () -> follow(controller);
        subscription = supply.subscribe(() -> {
            if (!w.isShutdown()) w.execute(follow);
        });
        w.scheduleWithFixedDelay(follow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void follow(PowerController controller) {
        try {
            PowerState now = controller.current().state();
            PowerState host = supply.read().applyTo(now);
            if (!host.equals(now)) controller.change(s -> host);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "following the host's power supply (" + supply.kind() + "): " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "ending the host power subscription: " + e.getMessage());
            }
        }
        if (worker != null) worker.shutdownNow();
        if (ownsSupply) supply.close();
    }
}
