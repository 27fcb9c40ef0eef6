package org.vmstation.engine.library;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Instants as stored in the database: fixed-width UTC text with nanoseconds
 * ({@code 2025-01-31T09:05:00.000000000Z}). Fixed width makes SQL's text order the time order, the nanoseconds
 * make every {@link Instant} round-trip exactly, and the text stays readable in the {@code sqlite3} shell.
 */
final class Timestamps {
    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Timestamps() {}

    static String format(Instant at) {
        if (at == null) return null;
        if (at.isBefore(MIN) || at.isAfter(MAX)) {
            throw new IllegalArgumentException("time " + at + " is outside the years 1 to 9999 the library can store");
        }
        return FIXED.format(at);
    }

    /** Also accepts any ISO-8601 instant, so hand-made or older rows read too. */
    static Instant parse(String text, String column) throws LibraryException {
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new LibraryException("column " + column + " holds '" + text + "': expected a UTC time such as 2025-01-31T09:05:00Z", e);
        }
    }
}
