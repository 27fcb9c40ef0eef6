package org.vmstation.engine.power.host;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * One object's D-Bus properties, read with {@code org.freedesktop.DBus.Properties.GetAll} and checked by type:
 * the peer (UPower, logind, or whoever owns the name) is another process, so a property of the wrong type or
 * an absurd number counts as not reported instead of being trusted.
 */
final class DBusProperties {
    private final Map<String, Variant<?>> values;
    private final String what;

    private DBusProperties(Map<String, Variant<?>> values, String what) {
        this.values = values;
        this.what = what;
    }

    static DBusProperties read(DBusConnection bus, String busName, String path, String iface) throws IOException {
        String what = busName + " " + path + " (" + iface + ")";
        try {
            Properties props = bus.getRemoteObject(busName, path, Properties.class);
            Map<String, Variant<?>> all = props.GetAll(iface);
            if (all == null) throw new IOException("reading " + what + ": no answer");
            return new DBusProperties(all, what);
        } catch (DBusException | DBusExecutionException e) {
            throw new IOException("reading " + what + ": " + e.getMessage(), e);
        }
    }

    Optional<Boolean> bool(String name) {
        return value(name) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    /** An unsigned 32-bit property (UInt32 in dbus-java). */
    OptionalLong uint32(String name) {
        Object v = value(name);
        if (v instanceof org.freedesktop.dbus.types.UInt32 u) return OptionalLong.of(u.longValue());
        return OptionalLong.empty();
    }

    /** A double property that is a finite number within {@code [min, max]}. */
    OptionalDouble number(String name, double min, double max) {
        if (value(name) instanceof Double d && Double.isFinite(d) && d >= min && d <= max) return OptionalDouble.of(d);
        return OptionalDouble.empty();
    }

    private Object value(String name) {
        Variant<?> v = values.get(name);
        return v == null ? null : v.getValue();
    }

    @Override public String toString() { return what; }
}
