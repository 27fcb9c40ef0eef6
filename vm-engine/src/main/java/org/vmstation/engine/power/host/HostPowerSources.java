package org.vmstation.engine.power.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.vmstation.engine.power.PowerSource;
import org.vmstation.engine.power.PowerState;

/**
 * Picks how to read this computer's power: UPower when it answers on the system D-Bus, otherwise Linux's
 * {@code /sys/class/power_supply}; the lid from logind when it answers, otherwise {@code /proc/acpi/button/lid}.
 * The chosen supply's {@link HostPowerSupply#description()} says which was picked and why.
 *
 * <pre>{@code
 * try (HostPowerSupply host = HostPowerSources.detect()) {
 *     host.description();            // "UPower on the system D-Bus ... " or "Linux power_supply class ...; UPower not available: ..."
 *     host.read().onBattery();
 * }
 * PowerSource follow = HostPowerSources.followHost(Duration.ofSeconds(2), state);   // power.source=host
 * }</pre>
 */
public final class HostPowerSources {
    public static final String SYSTEM_BUS_ENV = "DBUS_SYSTEM_BUS_ADDRESS";
    /** The D-Bus specification's well-known system bus address. */
    public static final String DEFAULT_SYSTEM_BUS = "unix:path=/var/run/dbus/system_bus_socket";

    private HostPowerSources() {}

    /** The best supply for this computer. Never fails: the sysfs reader is always possible. */
    public static HostPowerSupply detect() {
        return detect(systemBusAddress(System.getenv()), SysfsPowerSupply.SYSFS_ROOT, SysfsPowerSupply.ACPI_LID_ROOT);
    }

    /** A {@code power.source=host} source following {@link #detect()}; closing it closes the supply. */
    public static PowerSource followHost(Duration interval, PowerState base) {
        return new FollowHostSource(detect(), interval, base, true);
    }

    /** {@link #detect()} with the bus address and fallback folders given (tests use a private bus and temporary trees). */
    public static HostPowerSupply detect(String systemBusAddress, Path sysfsRoot, Path lidRoot) {
        String socketProblem = missingSocket(systemBusAddress);
        if (socketProblem != null) return new SysfsPowerSupply(sysfsRoot, lidRoot, null, "UPower not available: " + socketProblem);
        DBusConnection bus;
        try {
            bus = DBusConnectionBuilder.forAddress(systemBusAddress).withShared(false).build();
        } catch (DBusException | RuntimeException e) {
            return new SysfsPowerSupply(sysfsRoot, lidRoot, null,
                    "UPower not available: cannot connect to the system bus " + systemBusAddress + ": " + e.getMessage());
        }
        LogindLid lid = logindAnswers(bus) ? new LogindLid(bus, false) : null;
        try {
            DBusProperties.read(bus, UPowerSupply.BUS_NAME, UPowerSupply.PATH, UPowerSupply.IFACE);
            return new UPowerSupply(bus, lid, "picked because " + UPowerSupply.BUS_NAME + " answered on " + systemBusAddress);
        } catch (IOException e) {
            String why = "UPower not available on " + systemBusAddress + ": " + e.getMessage();
            if (lid != null) return new SysfsPowerSupply(sysfsRoot, lidRoot, new LogindLid(bus, true), why);
            closeQuietly(bus);
            return new SysfsPowerSupply(sysfsRoot, lidRoot, null, why);
        }
    }

    static String systemBusAddress(Map<String, String> env) {
        String a = env.get(SYSTEM_BUS_ENV);
        return a != null && !a.isBlank() ? a.strip() : DEFAULT_SYSTEM_BUS;
    }

    /** Why a {@code unix:path=} address cannot work (its socket is missing), or null; spares a connection attempt. */
    static String missingSocket(String address) {
        if (!address.startsWith("unix:")) return null;
        for (String part : address.substring("unix:".length()).split(",")) {
            if (part.startsWith("path=")) {
                Path socket = Path.of(part.substring("path=".length()));
                return Files.exists(socket) ? null : "no system D-Bus here (no socket at " + socket + ")";
            }
        }
        return null;
    }

    private static boolean logindAnswers(DBusConnection bus) {
        try {
            return new LogindLid(bus, false).lidClosed().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(DBusConnection bus) {
        try {
            bus.close();
        } catch (IOException ignored) {
            // nothing of it is used any more
        }
    }
}
