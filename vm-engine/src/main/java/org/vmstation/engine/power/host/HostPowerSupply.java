package org.vmstation.engine.power.host;

import java.io.IOException;
import java.time.Duration;
import org.vmstation.engine.power.PowerSource;
import org.vmstation.engine.power.PowerState;

/**
 * This computer's battery, AC adapter and lid, read through one mechanism. {@link HostPowerSources#detect()}
 * picks the implementation for the running system:
 * <ul>
 *   <li>{@link UPowerSupply}: Linux with UPower on the system D-Bus (values pushed by PropertiesChanged signals),
 *       lid from logind ({@link LogindLid});</li>
 *   <li>{@link SysfsPowerSupply}: Linux without UPower: {@code /sys/class/power_supply}, lid from logind or
 *       {@code /proc/acpi/button/lid};</li>
 *   <li>not written yet, to implement behind this same interface: macOS ({@code IOPSCopyPowerSourcesInfo} /
 *       {@code pmset -g batt}, lid from {@code AppleClamshellState} in the IORegistry) and Windows
 *       ({@code GetSystemPowerStatus}, {@code GUID_LIDSWITCH_STATE_CHANGE} notifications).</li>
 * </ul>
 * Implementations are thread-safe; {@link #read()} may block briefly on I/O (call it off the JavaFX thread).
 */
public interface HostPowerSupply extends AutoCloseable {
    /** A short machine name for the mechanism: {@code upower}, {@code sysfs}. */
    String kind();

    /** For people: which mechanism is read and why it was chosen (the factory's reasoning included). */
    String description();

    /** The host's power state now. */
    HostPowerSnapshot read() throws IOException;

    /**
     * Calls {@code onChange} (on a library thread; keep it short) whenever the host announces a change. Sources
     * that cannot announce changes never call it; callers poll {@link #read()} as well.
     * @return closes the subscription
     */
    default AutoCloseable subscribe(Runnable onChange) { return () -> { }; }

    /** True when {@link #subscribe} delivers changes as they happen (so polling can be slow). */
    default boolean pushesChanges() { return false; }

    /** A VM power source ({@code power.source=host}) that follows this supply, polling every {@code interval}. */
    default PowerSource followingSource(Duration interval, PowerState base) {
        return new FollowHostSource(this, interval, base);
    }

    @Override
    void close();
}
