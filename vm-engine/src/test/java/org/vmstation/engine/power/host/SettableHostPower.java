package org.vmstation.engine.power.host;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host battery a test machine lacks: a supply whose state the test sets ({@link HostStates} has the usual ones),
 * announcing each change like UPower. Published in vm-engine's test-jar.
 */
public final class SettableHostPower implements HostPowerSupply {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile HostPowerSnapshot state;

    public SettableHostPower(HostPowerSnapshot initial) { state = initial; }

    public void set(HostPowerSnapshot s) {
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
