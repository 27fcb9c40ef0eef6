package org.vmstation.app.gui.wizard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vmstation.engine.model.Firmware;

/** The OS presets shipped in the resources module ({@code presets/os-presets.json}). */
public final class OsPresets {
    public static final String RESOURCE = "/org/vmstation/resources/presets/os-presets.json";
    private final List<OsPreset> presets;

    public OsPresets(List<OsPreset> presets) {
        if (presets.isEmpty()) throw new IllegalArgumentException("no OS presets");
        this.presets = List.copyOf(presets);
    }

    /** Read once per process (the presets are immutable): the launcher reads them while the toolkit starts. */
    private static volatile OsPresets bundled;

    public static OsPresets bundled() {
        OsPresets read = bundled;
        if (read == null) {
            synchronized (OsPresets.class) {
                if (bundled == null) bundled = readBundled();
                read = bundled;
            }
        }
        return read;
    }

    private static OsPresets readBundled() {
        try (InputStream in = OsPresets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the class path (resources module)");
            return parse(in.readAllBytes(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    static OsPresets parse(byte[] json, String source) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode array = root.path("presets");
        if (!array.isArray()) throw new IOException(source + ": expected an object with a \"presets\" array");
        List<OsPreset> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            String where = source + " presets[" + i + "]";
            List<String> hints = new ArrayList<>();
            n.path("isoHints").forEach(h -> hints.add(h.asText().toLowerCase(Locale.ROOT)));
            Firmware fw;
            try {
                fw = Firmware.valueOf(text(n, "firmware", where));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ".firmware: expected BIOS or UEFI, got '" + n.path("firmware").asText() + "'");
            }
            out.add(new OsPreset(text(n, "id", where), text(n, "label", where), text(n, "family", where),
                    positive(n, "memoryMiB", where), (int) positive(n, "cpus", where), (int) positive(n, "diskGiB", where), fw, hints));
        }
        return new OsPresets(out);
    }

    private static String text(JsonNode n, String field, String where) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new IOException(where + "." + field + ": expected a non-empty string");
        return v.asText();
    }

    private static long positive(JsonNode n, String field, String where) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong() || v.asLong() <= 0) throw new IOException(where + "." + field + ": expected a positive number");
        return v.asLong();
    }

    public List<OsPreset> all() { return presets; }

    public Optional<OsPreset> byId(String id) {
        return presets.stream().filter(p -> p.id().equalsIgnoreCase(id)).findFirst();
    }

    /** The preset of an OS type id (or of the importers' spelling of it), or the generic one. */
    public OsPreset forOsType(String id) {
        return byId(id).or(() -> byId(ALIASES.getOrDefault(id, ""))).orElseGet(() -> byId("other").orElse(presets.getLast()));
    }

    /** Ids the engine's OS mapping uses for a preset that is named otherwise here. */
    private static final java.util.Map<String, String> ALIASES = java.util.Map.of("arch", "archlinux");

    /** Guesses the OS from an installer image's file name; empty when nothing matches. */
    public Optional<OsPreset> detectFromIso(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return presets.stream().filter(p -> p.isoHints().stream().anyMatch(lower::contains)).findFirst();
    }

    /** Presets whose label or id contains {@code text}, for the searchable list. */
    public List<OsPreset> search(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return presets.stream().filter(p -> t.isEmpty() || p.label().toLowerCase(Locale.ROOT).contains(t) || p.id().contains(t)).toList();
    }
}
