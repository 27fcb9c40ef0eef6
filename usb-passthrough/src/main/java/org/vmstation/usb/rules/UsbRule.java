package org.vmstation.usb.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.regex.Pattern;
import org.vmstation.usb.host.UsbDevice;

/**
 * "Connect this device to this VM automatically": vendor and product, narrowed by serial number and/or
 * port path when asked (to tell identical devices apart).
 *
 * <p>Stored in the VM's settings as {@code usb.rule.N} = {@code {"vendor":"0781","product":"5567","serial":..,"port":..}}.
 */
public record UsbRule(int vendorId, int productId, String serial, String portPath) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX4 = Pattern.compile("[0-9a-fA-F]{4}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,3}-[0-9]{1,3}(\\.[0-9]{1,3}){0,6}");

    public UsbRule {
        if (vendorId < 0 || vendorId > 0xffff) throw new IllegalArgumentException("USB rule vendor id " + vendorId + " is out of range 0..ffff");
        if (productId < 0 || productId > 0xffff) throw new IllegalArgumentException("USB rule product id " + productId + " is out of range 0..ffff");
        serial = serial == null || serial.isEmpty() ? null : serial;
        portPath = portPath == null || portPath.isEmpty() ? null : portPath;
        if (portPath != null && !PORT.matcher(portPath).matches()) {
            throw new IllegalArgumentException("USB rule port '" + portPath + "' is invalid; expected a sysfs port path such as 1-2.3");
        }
    }

    public static UsbRule forDevice(UsbDevice d, boolean bySerial, boolean byPort) {
        return new UsbRule(d.vendorId(), d.productId(), bySerial ? d.serial() : null, byPort ? d.portPath() : null);
    }

    public boolean matches(UsbDevice d) {
        return d.vendorId() == vendorId && d.productId() == productId
                && (serial == null || serial.equals(d.serial()))
                && (portPath == null || portPath.equals(d.portPath()));
    }

    public String encode() {
        ObjectNode o = JSON.createObjectNode();
        o.put("vendor", String.format("%04x", vendorId));
        o.put("product", String.format("%04x", productId));
        if (serial != null) o.put("serial", serial);
        if (portPath != null) o.put("port", portPath);
        return o.toString();
    }

    /** Parses a stored rule; {@code key} names the setting in errors. */
    public static UsbRule decode(String key, String value) {
        Objects.requireNonNull(key, "key");
        JsonNode o;
        try {
            o = value == null ? null : JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("VM setting " + key + " is not valid JSON: " + value);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("VM setting " + key + " must be a JSON object like {\"vendor\":\"0781\",\"product\":\"5567\"}, got: " + value);
        }
        return new UsbRule(hex(key, o, "vendor"), hex(key, o, "product"), text(key, o, "serial"), text(key, o, "port"));
    }

    private static int hex(String key, JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual() || !HEX4.matcher(v.asText()).matches()) {
            throw new IllegalArgumentException("VM setting " + key + " field '" + field + "' must be 4 hex digits, got: " + v);
        }
        return Integer.parseInt(v.asText(), 16);
    }

    private static String text(String key, JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new IllegalArgumentException("VM setting " + key + " field '" + field + "' must be text, got: " + v);
        return v.asText();
    }

    @Override
    public String toString() {
        return String.format("%04x:%04x", vendorId, productId) + (serial == null ? "" : " serial " + serial)
                + (portPath == null ? "" : " at port " + portPath);
    }
}
