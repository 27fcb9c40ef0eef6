package org.vmstation.app.gui.wizard;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.vmstation.engine.osinfo.IsoMatch;
import org.vmstation.engine.osinfo.IsoVolumeDescriptor;
import org.vmstation.engine.osinfo.OsInfoDatabase;
import org.vmstation.engine.osinfo.OsInfoEntry;
import org.vmstation.engine.osinfo.OsInfoException;

/**
 * The wizard's list of operating systems: the osinfo database's, or the built-in presets (with a {@link #note()}
 * saying why) when the database is not installed or cannot be read. Grouped by vendor; in each group the
 * supported releases come first, newest first, then the end-of-life and prerelease ones.
 */
public final class OsChoices {
    /** One detection result: the OS to select (if any) and the sentence the wizard shows. */
    public record Detection(Optional<OsChoice> choice, String message) {}

    public static final Comparator<OsChoice> DISPLAY_ORDER = Comparator
            .comparing((OsChoice c) -> c.group().toLowerCase(Locale.ROOT))
            .thenComparing(OsChoice::deEmphasised)
            .thenComparing(OsChoice::releaseDate, Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()))
            .thenComparing(OsChoice::label);

    private static volatile OsChoices system;

    private final List<OsChoice> all;
    private final Map<String, OsChoice> byKey;
    private final Map<String, String> searchText;
    private final OsInfoDatabase db;
    private final OsPresets presets;
    private final String note;

    private OsChoices(List<OsChoice> choices, Map<String, String> searchText, OsInfoDatabase db, OsPresets presets, String note) {
        this.all = choices.stream().sorted(db == null ? Comparator.comparing(c -> 0) : DISPLAY_ORDER).toList();
        this.byKey = all.stream().collect(Collectors.toUnmodifiableMap(OsChoice::key, Function.identity(), (a, b) -> a));
        this.searchText = Map.copyOf(searchText);
        this.db = db;
        this.presets = presets;
        this.note = note;
    }

    public static OsChoices fromDatabase(OsInfoDatabase db, OsPresets presets, LocalDate today) {
        List<OsChoice> choices = new ArrayList<>();
        java.util.HashMap<String, String> text = new java.util.HashMap<>();
        for (OsInfoEntry e : db.all()) {
            OsChoice c = OsChoice.fromOsInfo(e, today);
            choices.add(c);
            text.put(c.key(), OsInfoDatabase.searchableText(e));
        }
        String note = db.problems().isEmpty() ? "" : db.problems().size() + " file(s) of the osinfo database could not be read and are left out; the first: " + db.problems().getFirst();
        return new OsChoices(choices, text, db, presets, note);
    }

    public static OsChoices fromPresets(OsPresets presets, String why) {
        List<OsChoice> choices = presets.all().stream().map(OsChoice::fromPreset).toList();
        java.util.HashMap<String, String> text = new java.util.HashMap<>();
        for (OsPreset p : presets.all()) text.put("preset:" + p.id(), (p.label() + "\n" + p.id() + "\n" + p.family()).toLowerCase(Locale.ROOT));
        return new OsChoices(choices, text, null, presets,
                why + ": showing VMStation's " + presets.all().size() + " built-in presets. Install the osinfo-db package "
                        + "(sudo apt install osinfo-db) for the full list and for recognising installer ISOs.");
    }

    /**
     * The installed osinfo database's choices, built once per process; the presets with a note when it is missing.
     * Blocks for the first load (about a second): call it from a background task.
     */
    public static OsChoices system(OsPresets presets) {
        OsChoices s = system;
        if (s != null) return s;
        synchronized (OsChoices.class) {
            if (system == null) {
                try {
                    system = fromDatabase(OsInfoDatabase.system(), presets, LocalDate.now());
                } catch (OsInfoException e) {
                    system = fromPresets(presets, e.getMessage());
                }
            }
            return system;
        }
    }

    public List<OsChoice> all() { return all; }

    /** Empty when the osinfo database was read in full; otherwise what the user should know about the list. */
    public String note() { return note; }

    public boolean fromOsInfo() { return db != null; }

    public Optional<OsChoice> byKey(String key) { return Optional.ofNullable(byKey.get(key)); }

    /** Choices whose name, short id, vendor or distribution contain every word of {@code text}, in display order. */
    public List<OsChoice> search(String text) {
        if (text == null || text.isBlank()) return all;
        String[] words = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        return all.stream().filter(c -> {
            String hay = searchText.getOrDefault(c.key(), c.label().toLowerCase(Locale.ROOT));
            for (String w : words) if (!hay.contains(w)) return false;
            return true;
        }).toList();
    }

    /**
     * The choice for a VM's OS type (a preset id): the newest supported release that maps to it, else the newest
     * of any, else the generic "other" entry.
     */
    public OsChoice forOsType(String osType) {
        Comparator<OsChoice> best = Comparator.comparing(OsChoice::deEmphasised)
                .thenComparing(OsChoice::releaseDate, Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()));
        Optional<OsChoice> match = all.stream().filter(c -> c.osType().equalsIgnoreCase(osType)).min(best);
        if (match.isPresent()) return match.get();
        if (!osType.equals("other")) return forOsType("other");
        return all.stream().filter(c -> c.osType().equals("other")).findFirst().orElse(all.getLast());
    }

    /**
     * Finds the OS of an installer image from its ISO 9660 volume id; when the image cannot be read or nothing
     * matches, guesses from the file name, and says which it did.
     */
    public Detection detect(Path iso) {
        String fileName = iso.getFileName().toString();
        String stem = fileName.replaceFirst("(?i)\\.(iso|img)$", "");
        IsoVolumeDescriptor pvd;
        try {
            pvd = IsoVolumeDescriptor.read(iso);
        } catch (OsInfoException e) {
            return fromFileName(stem, fileName, "Could not read the ISO's volume id (" + e.getMessage() + ")");
        }
        if (db != null) {
            Optional<IsoMatch> m = db.detect(pvd);
            if (m.isPresent()) return new Detection(byKey(m.get().os().shortId()), m.get().describe());
        } else {
            Optional<OsPreset> p = presets.detectFromIso(pvd.volumeId());
            if (p.isPresent()) {
                return new Detection(byKey("preset:" + p.get().id()), "Detected " + p.get().label()
                        + " from the ISO's volume id '" + pvd.volumeId() + "' (built-in presets: osinfo-db is not installed)");
            }
        }
        return fromFileName(stem, fileName, "No operating system is known by the ISO's volume id '" + pvd.volumeId() + "'");
    }

    private Detection fromFileName(String stem, String fileName, String why) {
        Optional<OsChoice> guess = db != null
                ? db.guessFromText(stem).flatMap(e -> byKey(e.shortId()))
                : presets.detectFromIso(fileName).flatMap(p -> byKey("preset:" + p.id()));
        return guess.map(c -> new Detection(Optional.of(c), why + "; guessed " + c.label() + " from the file name '" + fileName + "'"))
                .orElseGet(() -> new Detection(Optional.empty(), why + ", nor by its file name: choose the operating system below"));
    }
}
