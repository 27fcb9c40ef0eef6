package org.vmstation.engine.qemu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The properties of one QEMU device ({@code -device} on the command line, {@code device_add} over QMP).
 * Each device has one builder that returns these, and both consumers render from the same object, so a
 * device hot-plugged later looks exactly like one present at start (libvirt's qemuBuild*DevProps rule).
 */
public final class DeviceProps {
    private final String driver;
    private final SequencedMap<String, Object> props = new LinkedHashMap<>();

    private DeviceProps(String driver) {
        this.driver = Objects.requireNonNull(driver, "driver");
    }

    public static DeviceProps of(String driver) { return new DeviceProps(driver); }

    /** Adds a property; null values are skipped so builders can pass optional values straight through. */
    public DeviceProps with(String key, Object value) {
        if (value != null) {
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("device property " + key + " must be text, a number or a boolean");
            }
            props.put(key, value);
        }
        return this;
    }

    public String driver() { return driver; }

    public String id() { return (String) props.get("id"); }

    public SequencedMap<String, Object> properties() { return Collections.unmodifiableSequencedMap(props); }

    /** The value of {@code -device}: {@code driver,key=value,...} with commas escaped. */
    public String toCommandLine() {
        StringBuilder sb = new StringBuilder(QemuOptions.escape(driver));
        for (Map.Entry<String, Object> e : props.entrySet()) {
            sb.append(',').append(e.getKey()).append('=').append(render(e.getValue()));
        }
        return sb.toString();
    }

    /** The arguments of QMP {@code device_add}: the same properties, typed, plus the driver. */
    public Map<String, Object> toQmp() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("driver", driver);
        m.putAll(props);
        return m;
    }

    private static String render(Object v) {
        if (v instanceof Boolean b) return b ? "on" : "off";
        return QemuOptions.escape(v.toString());
    }

    @Override
    public String toString() { return toCommandLine(); }
}
