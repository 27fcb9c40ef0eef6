package org.vmstation.engine.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * An asynchronous QMP event such as {@code {"event": "STOP", "data": {...}, "timestamp": {...}}}.
 *
 * @param name      event name, e.g. {@link #SHUTDOWN}
 * @param data      the event's data object; an empty object when QEMU sent none
 * @param timestamp when QEMU emitted the event (from its seconds/microseconds), or when it was
 *                  received if QEMU's timestamp was missing or out of range
 */
public record QmpEvent(String name, JsonNode data, Instant timestamp) {

    /** Guest or host shut the VM down; data: {@code guest} (boolean), {@code reason} (string). */
    public static final String SHUTDOWN = "SHUTDOWN";
    /** VM execution paused. */
    public static final String STOP = "STOP";
    /** VM execution resumed. */
    public static final String RESUME = "RESUME";
    /** VM reset; data: {@code guest}, {@code reason}. */
    public static final String RESET = "RESET";
    /** ACPI power button pressed (system_powerdown). */
    public static final String POWERDOWN = "POWERDOWN";
    /** A device finished unplugging; data: {@code device} (id, may be absent), {@code path}. */
    public static final String DEVICE_DELETED = "DEVICE_DELETED";

    private static final long MICROS_PER_SECOND = 1_000_000L;

    public QmpEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** Builds an event from a message that has a textual "event" member. */
    static QmpEvent fromMessage(ObjectNode message, Instant receivedAt) {
        JsonNode name = message.get("event");
        if (name == null || !name.isTextual()) {
            throw new QmpProtocolException("event message without a string 'event' member: " + message);
        }
        JsonNode data = message.get("data");
        if (data == null || data.isNull()) {
            data = JsonNodeFactory.instance.objectNode();
        }
        return new QmpEvent(name.asText(), data, timestamp(message.get("timestamp"), receivedAt));
    }

    /** A bad timestamp is not worth dropping the connection for; fall back to the receipt time. */
    private static Instant timestamp(JsonNode timestamp, Instant fallback) {
        if (timestamp == null) {
            return fallback;
        }
        JsonNode seconds = timestamp.get("seconds");
        JsonNode micros = timestamp.get("microseconds");
        if (seconds == null || micros == null || !seconds.canConvertToLong() || !micros.canConvertToLong()
                || !seconds.isIntegralNumber() || !micros.isIntegralNumber()) {
            return fallback;
        }
        long s = seconds.asLong();
        long us = micros.asLong();
        if (s < 0 || us < 0 || us >= MICROS_PER_SECOND || s > Instant.MAX.getEpochSecond()) {
            return fallback;
        }
        return Instant.ofEpochSecond(s, us * 1000);
    }

    /** Convenience: {@code data.guest} of SHUTDOWN/RESET, false when absent. */
    public boolean byGuest() {
        return data.path("guest").asBoolean(false);
    }

    /** Convenience: {@code data.reason} of SHUTDOWN/RESET, empty when absent. */
    public String reason() {
        return data.path("reason").asText("");
    }
}
