package org.vmstation.engine.qemu;

/** QEMU's option syntax rules, in one place. */
public final class QemuOptions {
    private QemuOptions() {}

    /**
     * Escapes a value for QEMU's {@code key=value,key=value} option syntax: a comma inside a value is written
     * twice. Newlines and NUL can never be passed safely and are refused.
     */
    public static String escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("QEMU option value contains a control character: " + value.replace("\n", "\\n"));
            }
        }
        return value.replace(",", ",,");
    }
}
