package org.vmstation.engine.power;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The host's truth about one VM's power devices, kept in the runtime folder where the guest cannot reach:
 * the state, the change counters last published, how events reach the guest, and which source drives it.
 *
 * @param lastBatteryEventMillis when the guest was last told about a battery change (wall clock), to space
 *                               battery notifications past Linux's 1-s battery cache
 */
public record HostPowerRecord(PowerState state, ChangeCounters counters, EventDelivery delivery, String source,
                              long lastBatteryEventMillis) {

    HostPowerRecord with(PowerState s, ChangeCounters c) {
        return new HostPowerRecord(s, c, delivery, source, lastBatteryEventMillis);
    }

    HostPowerRecord withLastBatteryEvent(long millis) {
        return new HostPowerRecord(state, counters, delivery, source, millis);
    }

    String encode() {
        Properties p = new Properties();
        PowerState s = state;
        p.setProperty("battery.present", Boolean.toString(s.batteryPresent()));
        p.setProperty("battery.design-capacity-mwh", Long.toString(s.designCapacityMwh()));
        p.setProperty("battery.full-capacity-mwh", Long.toString(s.fullCapacityMwh()));
        p.setProperty("battery.remaining-capacity-mwh", Long.toString(s.remainingCapacityMwh()));
        p.setProperty("battery.rate-mw", Long.toString(s.rateMw()));
        p.setProperty("battery.voltage-mv", Long.toString(s.voltageMv()));
        p.setProperty("battery.design-voltage-mv", Long.toString(s.designVoltageMv()));
        p.setProperty("battery.status", s.status().label());
        p.setProperty("battery.technology", s.technology().label());
        p.setProperty("battery.type", s.batteryType());
        p.setProperty("battery.model", s.model());
        p.setProperty("battery.serial", s.serial());
        p.setProperty("battery.manufacturer", s.manufacturer());
        p.setProperty("battery.cycle-count", Long.toString(s.cycleCount()));
        p.setProperty("ac.online", Boolean.toString(s.acOnline()));
        p.setProperty("lid.open", Boolean.toString(s.lidOpen()));
        p.setProperty("counter.battery", Long.toString(counters.battery()));
        p.setProperty("counter.battery-info", Long.toString(counters.batteryInfo()));
        p.setProperty("counter.ac", Long.toString(counters.ac()));
        p.setProperty("counter.lid", Long.toString(counters.lid()));
        p.setProperty("counter.sleep", Long.toString(counters.sleepPresses()));
        p.setProperty("events.available", Boolean.toString(delivery.available()));
        p.setProperty("events.reason", delivery.reason());
        p.setProperty("source", source);
        p.setProperty("last-battery-event-ms", Long.toString(lastBatteryEventMillis));
        StringWriter w = new StringWriter();
        try {
            p.store(w, "VMStation power state (host side; written by VMStation, not by the guest)");
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    static HostPowerRecord decode(String text, Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        }
        Fields f = new Fields(p, file);
        try {
            PowerState s = new PowerState(f.bool("battery.present"), f.num("battery.design-capacity-mwh"),
                    f.num("battery.full-capacity-mwh"), f.num("battery.remaining-capacity-mwh"), f.num("battery.rate-mw"),
                    f.num("battery.voltage-mv"), f.num("battery.design-voltage-mv"), BatteryStatus.parse(f.text("battery.status")),
                    BatteryTechnology.parse(f.text("battery.technology")), f.text("battery.type"), f.text("battery.model"),
                    f.text("battery.serial"), f.text("battery.manufacturer"), f.num("battery.cycle-count"), f.bool("ac.online"),
                    f.bool("lid.open"));
            ChangeCounters c = new ChangeCounters(f.num("counter.battery"), f.num("counter.battery-info"), f.num("counter.ac"),
                    f.num("counter.lid"), f.num("counter.sleep"));
            return new HostPowerRecord(s, c, new EventDelivery(f.bool("events.available"), f.text("events.reason")), f.text("source"),
                    f.num("last-battery-event-ms"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private record Fields(Properties p, Path file) {
        String text(String key) throws IOException {
            String v = p.getProperty(key);
            if (v == null) throw new IOException(file + ": the key '" + key + "' is missing");
            return v;
        }

        long num(String key) throws IOException {
            String v = text(key);
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IOException(file + ": " + key + " is '" + v + "', expected a whole number");
            }
        }

        boolean bool(String key) throws IOException {
            String v = text(key).trim();
            if (v.equals("true")) return true;
            if (v.equals("false")) return false;
            throw new IOException(file + ": " + key + " is '" + v + "', expected true or false");
        }
    }
}
