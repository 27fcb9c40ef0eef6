package org.vmstation.engine.power.host;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.vmstation.engine.power.BatteryStatus;
import org.vmstation.engine.power.PowerState;

/**
 * The host's power through UPower ({@code org.freedesktop.UPower} on the system bus): the daemon's
 * {@code OnBattery} and its composite {@code DisplayDevice} (charge, state, rate of all system batteries
 * together), re-read whenever UPower emits {@code PropertiesChanged}. The lid comes from logind when given.
 */
public final class UPowerSupply implements HostPowerSupply {
    private static final System.Logger LOG = System.getLogger(UPowerSupply.class.getName());
    public static final String BUS_NAME = "org.freedesktop.UPower";
    public static final String PATH = "/org/freedesktop/UPower";
    public static final String IFACE = "org.freedesktop.UPower";
    public static final String DISPLAY_DEVICE = "/org/freedesktop/UPower/devices/DisplayDevice";
    public static final String DEVICE_IFACE = "org.freedesktop.UPower.Device";
    /** UPower's device type for a system battery. */
    static final long TYPE_BATTERY = 2;
    /** The largest rate we believe, in W (100 kW): anything above is a garbled value. */
    static final double MAX_RATE_W = 100_000;

    private final DBusConnection bus;
    private final LogindLid lid;
    private final String why;

    /**
     * @param bus the system bus (owned and closed by this supply)
     * @param lid the lid from logind on the same bus, or null when logind is absent
     * @param why why this reader was chosen, for {@link #description()}
     */
    public UPowerSupply(DBusConnection bus, LogindLid lid, String why) {
        this.bus = bus;
        this.lid = lid;
        this.why = why == null ? "" : why;
    }

    @Override public String kind() { return "upower"; }

    @Override
    public String description() {
        return "UPower on the system D-Bus (" + BUS_NAME + ", change signals), lid " + (lid != null ? "from logind" : "unknown (no logind)")
                + (why.isEmpty() ? "" : "; " + why);
    }

    @Override
    public HostPowerSnapshot read() throws IOException {
        Optional<Boolean> onBattery = DBusProperties.read(bus, BUS_NAME, PATH, IFACE).bool("OnBattery");
        DBusProperties display = DBusProperties.read(bus, BUS_NAME, DISPLAY_DEVICE, DEVICE_IFACE);
        boolean battery = display.bool("IsPresent").orElse(false) && display.uint32("Type").orElse(TYPE_BATTERY) == TYPE_BATTERY;
        OptionalInt charge = OptionalInt.empty();
        Optional<BatteryStatus> status = Optional.empty();
        OptionalLong rate = OptionalLong.empty();
        if (battery) {
            OptionalDouble p = display.number("Percentage", 0, 100);
            if (p.isPresent()) charge = OptionalInt.of((int) Math.round(p.getAsDouble()));
            OptionalLong state = display.uint32("State");
            if (state.isPresent()) status = status(state.getAsLong());
            // UPower reports W; some drivers give a negative rate while charging, the sign says nothing here
            OptionalDouble watts = display.number("EnergyRate", -MAX_RATE_W, MAX_RATE_W);
            if (watts.isPresent()) rate = OptionalLong.of(Math.min(Math.round(Math.abs(watts.getAsDouble()) * 1000), PowerState.MAX_VALUE));
        }
        // OnBattery is UPower's own judgement (any AC source online or not); false on a desktop without battery
        Optional<Boolean> ac = battery ? onBattery.map(b -> !b) : Optional.empty();
        return new HostPowerSnapshot(ac, battery, charge, status, rate, lid != null ? lid.lidClosed() : Optional.empty());
    }

    /** UPower's DeviceState: 1 charging, 2 discharging, 3 empty, 4 fully charged, 5 pending charge, 6 pending discharge. */
    static Optional<BatteryStatus> status(long state) {
        return switch ((int) Math.min(state, Integer.MAX_VALUE)) {
            case 1 -> Optional.of(BatteryStatus.CHARGING);
            case 2, 3, 6 -> Optional.of(BatteryStatus.DISCHARGING);
            case 4, 5 -> Optional.of(BatteryStatus.IDLE);
            default -> Optional.empty();
        };
    }

    @Override public boolean pushesChanges() { return true; }

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
        List<AutoCloseable> subs = new ArrayList<>();
        subs.add(PropertiesSignals.subscribe(bus, PATH, IFACE, onChange));
        subs.add(PropertiesSignals.subscribe(bus, DISPLAY_DEVICE, DEVICE_IFACE, onChange));
        if (lid != null) subs.add(lid.subscribe(onChange));
        return () -> {
            for (AutoCloseable s : subs) s.close();
        };
    }

    @Override
    public void close() {
        try {
            bus.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the system bus connection: " + e.getMessage());
        }
    }
}
