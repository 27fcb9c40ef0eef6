package org.vmstation.engine.power.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * A D-Bus object with properties of one interface, exported by a test on a private bus to stand in for the
 * host's UPower or logind (the host battery being the one thing a test machine lacks). {@link #set} changes a
 * property and emits {@code PropertiesChanged}, as the real daemons do.
 */
public final class FakeDBusObject implements Properties {
    private final DBusConnection bus;
    private final String path;
    private final String iface;
    private final Map<String, Variant<?>> props = new ConcurrentHashMap<>();

    public FakeDBusObject(DBusConnection bus, String path, String iface, Map<String, Variant<?>> initial) throws DBusException {
        this.bus = bus;
        this.path = path;
        this.iface = iface;
        props.putAll(initial);
        bus.exportObject(path, this);
    }

    public void set(String name, Variant<?> value) throws DBusException {
        props.put(name, value);
        bus.sendMessage(new PropertiesChanged(path, iface, Map.of(name, value), List.of()));
    }

    /** Changes a property without announcing it (a daemon that does not emit changes for it). */
    void setQuietly(String name, Variant<?> value) { props.put(name, value); }

    @Override public String getObjectPath() { return path; }

    @SuppressWarnings("unchecked")
    @Override
    public <A> A Get(String interfaceName, String propertyName) {
        Variant<?> v = iface.equals(interfaceName) ? props.get(propertyName) : null;
        return v == null ? null : (A) v.getValue();
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw new UnsupportedOperationException("read-only in this fake");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        return iface.equals(interfaceName) ? Map.copyOf(props) : Map.of();
    }
}
