package org.vmstation.engine.importer.ovf;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OVF programmatic units ("byte * 2^30", "byte*2^20", "MegaBytes", "KiloBytes", "byte") to a byte multiplier.
 * Returns -1 for a unit it does not know rather than guessing.
 */
final class OvfUnits {
    private static final Pattern POWER = Pattern.compile("^byte\\s*\\*\\s*(\\d+)\\s*\\^\\s*(\\d+)$");

    private OvfUnits() {}

    static long multiplier(String units, long fallback) {
        if (units == null || units.isBlank()) return fallback;
        String u = units.strip().toLowerCase(Locale.ROOT);
        Matcher m = POWER.matcher(u);
        if (m.matches()) {
            long base = Long.parseLong(m.group(1));
            int exp = Integer.parseInt(m.group(2));
            if (base < 2 || exp > 62) return -1;
            long r = 1;
            for (int i = 0; i < exp; i++) {
                if (r > Long.MAX_VALUE / base) return -1;
                r *= base;
            }
            return r;
        }
        return switch (u) {
            case "byte", "bytes", "b" -> 1;
            case "kilobytes", "kb", "kib", "kilobyte" -> 1024;
            case "megabytes", "mb", "mib", "megabyte" -> 1024L * 1024;
            case "gigabytes", "gb", "gib", "gigabyte" -> 1024L * 1024 * 1024;
            case "terabytes", "tb", "tib" -> 1024L * 1024 * 1024 * 1024;
            default -> -1;
        };
    }

    /** quantity × unit in bytes; -1 when the unit is unknown or the product overflows. */
    static long bytes(long quantity, String units, long fallbackMultiplier) {
        long mul = multiplier(units, fallbackMultiplier);
        if (mul <= 0 || quantity < 0) return -1;
        if (quantity != 0 && mul > Long.MAX_VALUE / quantity) return -1;
        return quantity * mul;
    }
}
