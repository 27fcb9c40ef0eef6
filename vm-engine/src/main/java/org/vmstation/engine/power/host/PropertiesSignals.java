package org.vmstation.engine.power.host;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;

/**
 * Subscribes to {@code PropertiesChanged} for one object and interface. The signal only prompts a fresh read
 * (its contents are never used as values), so a signal from an unexpected sender costs one extra read, nothing
 * more.
 */
final class PropertiesSignals {
    private static final System.Logger LOG = System.getLogger(PropertiesSignals.class.getName());

    private PropertiesSignals() {}

    static AutoCloseable subscribe(DBusConnection bus, String path, String iface, Runnable onChange) {
        try {
            return bus.addSigHandler(Properties.PropertiesChanged.class, signal -> {
                if (path.equals(signal.getPath()) && iface.equals(signal.getInterfaceName())) onChange.run();
            });
        } catch (DBusException | RuntimeException e) {
            // without the signal the caller's polling still sees changes, only later
            LOG.log(System.Logger.Level.WARNING, "subscribing to property changes of " + path + ": " + e.getMessage());
            return () -> { };
        }
    }
}
