package org.vmstation.engine.power.policy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vmstation.engine.power.host.HostPowerSnapshot;
import org.vmstation.engine.power.host.HostPowerSupply;

/** The host battery a test machine lacks: a supply whose state the test sets, announcing each change like UPower. */
final class SettableHostPower implements HostPowerSupply {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile HostPowerSnapshot state;

    SettableHostPower(HostPowerSnapshot initial) { state = initial; }

    void set(HostPowerSnapshot s) {
        state = s;
        for (Runnable l : listeners) l.run();
    }

    @Override public String kind() { return "test"; }
    @Override public String description() { return "a battery set by the test"; }
    @Override public HostPowerSnapshot read() { return state; }
    @Override public boolean pushesChanges() { return true; }

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
        listeners.add(onChange);
        return () -> listeners.remove(onChange);
    }

    @Override public void close() { listeners.clear(); }
}
