package org.vmstation.app.gui;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vmstation.engine.power.BatteryStatus;
import org.vmstation.engine.power.host.HostPowerSnapshot;
import org.vmstation.engine.power.host.HostPowerSupply;

/** The host battery this machine lacks (the one thing faked): set by the test, announcing changes like UPower. */
final class TestHostBattery implements HostPowerSupply {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile HostPowerSnapshot state = onAc(90);

    static HostPowerSnapshot onAc(int percent) {
        return new HostPowerSnapshot(Optional.of(true), true, OptionalInt.of(percent), Optional.of(BatteryStatus.CHARGING), OptionalLong.empty(), Optional.of(false));
    }

    static HostPowerSnapshot onBattery(int percent) {
        return new HostPowerSnapshot(Optional.of(false), true, OptionalInt.of(percent), Optional.of(BatteryStatus.DISCHARGING), OptionalLong.of(8000), Optional.of(false));
    }

    void set(HostPowerSnapshot s) {
        state = s;
        for (Runnable l : listeners) l.run();
    }

    @Override public String kind() { return "test"; }
    @Override public String description() { return "the test's battery"; }
    @Override public HostPowerSnapshot read() { return state; }
    @Override public boolean pushesChanges() { return true; }

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
        listeners.add(onChange);
        return () -> listeners.remove(onChange);
    }

    @Override public void close() { listeners.clear(); }
}
