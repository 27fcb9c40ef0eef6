package org.vmstation.engine.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the fields of one JSON object of a VM definition, naming the field path in every error and, at
 * {@link #finish()}, refusing fields nobody asked for (so no data is silently dropped on the next save).
 */
final class JsonFields {
    private final JsonNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonFields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw problem(path, node, "a JSON object");
        }
        return new JsonFields(node, path);
    }

    /** Whether the field is present, even if its value is null. */
    boolean has(String name) {
        read.add(name);
        return node.has(name);
    }

    /** The field's value, marking it as read; null when absent. */
    JsonNode raw(String name) {
        read.add(name);
        return node.get(name);
    }

    String path(String name) { return path.isEmpty() ? name : path + "." + name; }

    /** A text field that must be present; {@code nullable} says whether JSON null is a legal value. */
    String requiredString(String name, boolean nullable) {
        if (!has(name)) throw missing(name, "a string");
        return string(name, nullable, null);
    }

    /** A text field; absent gives {@code absent}. */
    String string(String name, boolean nullable, String absent) {
        JsonNode v = raw(name);
        if (v == null) return absent;
        return text(v, path(name), nullable);
    }

    static String text(JsonNode v, String path, boolean nullable) {
        if (v.isNull()) {
            if (nullable) return null;
            throw problem(path, v, "a string, not null");
        }
        if (!v.isTextual()) throw problem(path, v, nullable ? "a string or null" : "a string");
        return v.textValue();
    }

    long longValue(String name, long absent) {
        JsonNode v = raw(name);
        if (v == null) return absent;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw problem(path(name), v, "a whole number");
        return v.longValue();
    }

    int intValue(String name, int absent) {
        JsonNode v = raw(name);
        if (v == null) return absent;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw problem(path(name), v, "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        return v.intValue();
    }

    int requiredInt(String name) {
        if (!has(name)) throw missing(name, "a whole number");
        return intValue(name, 0);
    }

    boolean bool(String name, boolean absent) {
        JsonNode v = raw(name);
        if (v == null) return absent;
        if (!v.isBoolean()) throw problem(path(name), v, "true or false");
        return v.booleanValue();
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type, E absent) {
        JsonNode v = raw(name);
        if (v == null) return absent;
        return enumOf(v, path(name), type);
    }

    <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        if (!has(name)) throw missing(name, "one of " + names(type));
        return enumOf(raw(name), path(name), type);
    }

    static <E extends Enum<E>> E enumOf(JsonNode v, String path, Class<E> type) {
        if (v.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(v.textValue())) return e;
            }
        }
        throw problem(path, v, "one of " + names(type));
    }

    /** The elements of an array field (absent gives null); element paths are {@code name[i]}. */
    List<JsonNode> array(String name) {
        JsonNode v = raw(name);
        if (v == null) return null;
        if (!v.isArray()) throw problem(path(name), v, "a JSON array");
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    /** A nested object field; absent gives null, JSON null is refused unless {@code nullable} (then also null). */
    JsonFields object(String name, boolean nullable) {
        JsonNode v = raw(name);
        if (v == null) return null;
        if (v.isNull()) {
            if (nullable) return null;
            throw problem(path(name), v, "a JSON object, not null");
        }
        return of(v, path(name));
    }

    ObjectNode objectNode(String name) {
        JsonNode v = raw(name);
        if (v == null) return null;
        if (!v.isObject()) throw problem(path(name), v, "a JSON object");
        return (ObjectNode) v;
    }

    /** Refuses every field that was not read: they would be lost when the definition is saved again. */
    void finish() {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(f -> {
            if (!read.contains(f)) unknown.add(f);
        });
        if (!unknown.isEmpty()) {
            String first = path(unknown.getFirst());
            throw new DefinitionFormatException(first, "VM definition has unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(f -> "'" + path(f) + "'").collect(Collectors.joining(", "))
                    + " (format version " + DefinitionCodec.FORMAT_VERSION + " has no such field; was it written by a newer VMStation?)");
        }
    }

    DefinitionFormatException missing(String name, String expected) {
        return new DefinitionFormatException(path(name), "VM definition field '" + path(name) + "' is missing: expected " + expected);
    }

    static DefinitionFormatException problem(String path, JsonNode value, String expected) {
        String shown = value == null ? "missing" : abbreviate(value.toString());
        String where = path.isEmpty() ? "VM definition" : "VM definition field '" + path + "'";
        return new DefinitionFormatException(path, where + " is " + shown + ": expected " + expected);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
