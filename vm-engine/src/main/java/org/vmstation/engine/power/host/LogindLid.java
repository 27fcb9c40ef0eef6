package org.vmstation.engine.power.host;

import java.io.IOException;
import java.util.Optional;
import org.freedesktop.dbus.connections.impl.DBusConnection;

/**
 * The laptop lid as systemd-logind sees it: {@code org.freedesktop.login1.Manager}'s {@code LidClosed} property
 * on the system bus. A machine without a lid reports false, so this is only used where logind runs.
 */
public final class LogindLid implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LogindLid.class.getName());
    public static final String BUS_NAME = "org.freedesktop.login1";
    public static final String PATH = "/org/freedesktop/login1";
    public static final String MANAGER = "org.freedesktop.login1.Manager";

    private final DBusConnection bus;
    private final boolean ownsBus;

    /** @param ownsBus close {@code bus} when this closes */
    public LogindLid(DBusConnection bus, boolean ownsBus) {
        this.bus = bus;
        this.ownsBus = ownsBus;
    }

    /** True when the lid is closed; empty when logind does not say (or says it in a form we do not accept). */
    public Optional<Boolean> lidClosed() throws IOException {
        return DBusProperties.read(bus, BUS_NAME, PATH, MANAGER).bool("LidClosed");
    }

    /** Calls {@code onChange} when logind announces a change of its manager's properties. */
    public AutoCloseable subscribe(Runnable onChange) {
        return PropertiesSignals.subscribe(bus, PATH, MANAGER, onChange);
    }

    @Override
    public void close() {
        if (!ownsBus) return;
        try {
            bus.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the system bus connection: " + e.getMessage());
        }
    }
}
