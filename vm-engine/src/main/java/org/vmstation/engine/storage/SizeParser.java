package org.vmstation.engine.storage;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes disk sizes the way users and qemu-img write them: {@code 8G}, {@code 512M}, {@code 1T}, {@code 1024}. */
public final class SizeParser {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})(?:\\.(\\d{1,3}))?\\s*([KMGTP]?)(?:I?B)?");
    private static final String UNITS = "KMGTP";

    private SizeParser() {}

    /**
     * Bytes in {@code text}. Units are binary (K = 1024) as in qemu-img; a plain number is bytes. One to three
     * decimals are allowed with a unit ({@code 1.5G}).
     *
     * @throws IllegalArgumentException naming the text and what is expected
     */
    public static long parse(String text) {
        if (text == null) throw new IllegalArgumentException("size is missing: expected a number with an optional unit, e.g. 8G or 512M");
        String t = text.strip().toUpperCase(Locale.ROOT);
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("size '" + text + "': expected a whole number of bytes or a number with the unit K, M, G, T or P, e.g. 8G or 512M");
        }
        int power = m.group(3).isEmpty() ? 0 : UNITS.indexOf(m.group(3)) + 1;
        if (m.group(2) != null && power == 0) {
            throw new IllegalArgumentException("size '" + text + "': a number of bytes cannot have decimals");
        }
        try {
            long whole = Long.parseLong(m.group(1));
            long multiplier = 1L << (10 * power);
            long bytes = Math.multiplyExact(whole, multiplier);
            if (m.group(2) != null) {
                String frac = m.group(2);
                long fracBytes = Math.multiplyExact(Long.parseLong(frac), multiplier) / (long) Math.pow(10, frac.length());
                bytes = Math.addExact(bytes, fracBytes);
            }
            return bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large (at most 8 EiB)");
        }
    }

    /** Like {@link #parse} but also requires a size above zero. */
    public static long parsePositive(String text) {
        long bytes = parse(text);
        if (bytes <= 0) throw new IllegalArgumentException("size '" + text + "': expected a size above zero");
        return bytes;
    }

    /** The shortest exact form: {@code 8G}, {@code 1536M}, {@code 1000} (bytes). */
    public static String format(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative size " + bytes);
        int power = 0;
        long v = bytes;
        while (v != 0 && v % 1024 == 0 && power < UNITS.length()) {
            v /= 1024;
            power++;
        }
        return power == 0 ? String.valueOf(bytes) : v + String.valueOf(UNITS.charAt(power - 1));
    }
}
