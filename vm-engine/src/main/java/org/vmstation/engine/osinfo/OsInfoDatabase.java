package org.vmstation.engine.osinfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The operating systems of an osinfo-db tree (Debian package {@code osinfo-db}, {@code /usr/share/osinfo}), read
 * by {@link OsInfoReader} from {@code os/<vendor>/<os>.xml}. A file that cannot be read is left out and listed
 * in {@link #problems()}; the rest of the database stays usable.
 *
 * <p>{@link #system()} loads the installed database once per process, lazily: call it off the UI thread.
 */
public final class OsInfoDatabase {
    /** libosinfo's own variable for the system database location, honoured here too. */
    public static final String ENV_DIR = "OSINFO_SYSTEM_DIR";
    public static final List<Path> STANDARD_DIRS = List.of(Path.of("/usr/share/osinfo"), Path.of("/usr/local/share/osinfo"),
            Path.of("/usr/share/libosinfo/db"));
    /** Far above osinfo-db's ~800 files; a tree bigger than this is not an osinfo database. */
    static final int MAX_FILES = 20_000;

    private final Path root;
    private final List<OsInfoEntry> entries;
    private final Map<String, OsInfoEntry> byShortId;
    private final Map<String, OsInfoEntry> byId;
    private final List<String> problems;

    private OsInfoDatabase(Path root, List<OsInfoEntry> entries, List<String> problems) {
        this.root = root;
        this.entries = List.copyOf(entries);
        this.problems = List.copyOf(problems);
        Map<String, OsInfoEntry> s = new HashMap<>();
        Map<String, OsInfoEntry> i = new HashMap<>();
        for (OsInfoEntry e : entries) {
            i.put(e.id(), e);
            for (String id : e.shortIds()) s.putIfAbsent(id.toLowerCase(Locale.ROOT), e);
        }
        byShortId = Map.copyOf(s);
        byId = Map.copyOf(i);
    }

    // ---- loading ------------------------------------------------------------------------------------------------

    private static final class Holder {
        static final Object RESULT = loadSystem();

        private static Object loadSystem() {
            try {
                return load(locate().orElseThrow(() -> new OsInfoException("the osinfo database is not installed: no "
                        + "os/ folder in $" + ENV_DIR + " or " + STANDARD_DIRS + " (Debian/Ubuntu package osinfo-db)")));
            } catch (OsInfoException e) {
                return e;
            }
        }
    }

    /**
     * The installed database, loaded on first use and kept for the life of the process (a failure is kept too:
     * every call then throws the same error).
     */
    public static OsInfoDatabase system() throws OsInfoException {
        Object r = Holder.RESULT;
        if (r instanceof OsInfoException e) throw new OsInfoException(e.getMessage(), e);
        return (OsInfoDatabase) r;
    }

    /** The first database folder that has an {@code os/} folder: $OSINFO_SYSTEM_DIR, then the standard places. */
    public static Optional<Path> locate() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv(ENV_DIR);
        if (env != null && !env.isBlank()) candidates.add(Path.of(env));
        candidates.addAll(STANDARD_DIRS);
        return candidates.stream().filter(p -> Files.isDirectory(p.resolve("os"))).findFirst();
    }

    /** Reads every {@code os/<vendor>/*.xml} below {@code root} (driver folders such as {@code win-10.d} are not OSes). */
    public static OsInfoDatabase load(Path root) throws OsInfoException {
        Path osDir = root.resolve("os");
        if (!Files.isDirectory(osDir)) throw new OsInfoException(root, "is not an osinfo database: it has no os/ folder");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> vendors = Files.list(osDir)) {
            for (Path vendor : vendors.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> xml = Files.list(vendor)) {
                    xml.filter(p -> p.getFileName().toString().endsWith(".xml") && Files.isRegularFile(p)).sorted().forEach(files::add);
                }
                if (files.size() > MAX_FILES) throw new OsInfoException(osDir, "holds more than " + MAX_FILES + " OS files: not an osinfo database");
            }
        } catch (IOException e) {
            throw new OsInfoException(osDir, "cannot be listed: " + e.getMessage(), e);
        }
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        // Parsing is independent per file; a parallel stream halves the load on two cores.
        List<OsInfoRecord> records = files.parallelStream().flatMap(f -> {
            try {
                List<OsInfoRecord> r = OsInfoReader.read(f);
                r.forEach(os -> problems.addAll(os.warnings));
                return r.stream();
            } catch (OsInfoException e) {
                problems.add(e.getMessage());
                return Stream.empty();
            }
        }).toList();
        List<String> sortedProblems = new ArrayList<>(problems);
        Collections.sort(sortedProblems);
        return new OsInfoDatabase(root, resolve(records, sortedProblems), sortedProblems);
    }

    /** Applies inheritance along derives-from / clones, parents first; a cycle or a missing parent stops the walk. */
    private static List<OsInfoEntry> resolve(List<OsInfoRecord> records, List<String> problems) {
        Map<String, OsInfoRecord> byId = new LinkedHashMap<>();
        for (OsInfoRecord r : records) {
            OsInfoRecord before = byId.putIfAbsent(r.id, r);
            if (before != null) problems.add(r.source + ": OS id " + r.id + " is also defined in " + before.source + "; the first is kept");
        }
        Map<String, OsInfoEntry> done = new HashMap<>();
        List<OsInfoEntry> out = new ArrayList<>(byId.size());
        for (OsInfoRecord r : byId.values()) out.add(resolve(r, byId, done, new HashSet<>()));
        return out;
    }

    private static OsInfoEntry resolve(OsInfoRecord r, Map<String, OsInfoRecord> all, Map<String, OsInfoEntry> done, Set<String> walking) {
        OsInfoEntry cached = done.get(r.id);
        if (cached != null) return cached;
        walking.add(r.id);
        OsInfoRecord parentRecord = r.parent() == null ? null : all.get(r.parent());
        OsInfoEntry parent = parentRecord == null || walking.contains(parentRecord.id) ? null : resolve(parentRecord, all, done, walking);
        OsResources min = r.minimum();
        OsResources rec = r.recommended();
        Set<String> devices = new HashSet<>();
        boolean efi = r.firmware.getOrDefault("efi", false);
        boolean bios = r.firmware.getOrDefault("bios", true);
        if (parent != null) {
            min = min.orElse(parent.minimum());
            rec = rec.orElse(parent.recommended());
            devices.addAll(parent.devices());
            if (!r.firmware.containsKey("efi")) efi = parent.efi();
            if (!r.firmware.containsKey("bios")) bios = parent.biosSupported();
        }
        r.devices.forEach((id, supported) -> { if (supported) devices.add(id); else devices.remove(id); });
        List<String> shortIds = r.shortIds.isEmpty() ? List.of(fileStem(r.source)) : r.shortIds;
        String name = r.name != null ? r.name : shortIds.getFirst();
        OsInfoEntry e = new OsInfoEntry(r.id, shortIds, name, nonNull(r.vendor), nonNull(r.family), nonNull(r.distro),
                nonNull(r.version), r.releaseDate, r.eolDate, r.releaseStatus, r.derivesFrom, r.clones, min, rec, efi, bios,
                devices, r.media, r.source);
        done.put(r.id, e);
        walking.remove(r.id);
        return e;
    }

    private static String fileStem(Path p) { return p.getFileName().toString().replaceFirst("\\.xml$", ""); }

    private static String nonNull(String s) { return s == null ? "" : s; }

    // ---- queries --------------------------------------------------------------------------------------------------

    /** Every OS, in file order (vendor folder, then file name). */
    public List<OsInfoEntry> all() { return entries; }

    public Path root() { return root; }

    /** Files (or parts of files) that could not be read, one sentence each; empty for a healthy database. */
    public List<String> problems() { return problems; }

    public Optional<OsInfoEntry> byShortId(String shortId) {
        return shortId == null ? Optional.empty() : Optional.ofNullable(byShortId.get(shortId.toLowerCase(Locale.ROOT)));
    }

    public Optional<OsInfoEntry> byId(String id) { return Optional.ofNullable(byId.get(id)); }

    /**
     * OSes whose name, short ids, vendor or distribution contain every word of {@code text} (case-insensitive),
     * newest release first; blank text lists everything.
     */
    public List<OsInfoEntry> search(String text) {
        String[] words = text == null || text.isBlank() ? new String[0] : text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        return entries.stream().filter(e -> matchesAll(e, words)).sorted(NEWEST_FIRST).toList();
    }

    /** The text {@link #search} looks in. */
    public static String searchableText(OsInfoEntry e) {
        return (e.name() + "\n" + String.join("\n", e.shortIds()) + "\n" + e.vendor() + "\n" + e.distro()).toLowerCase(Locale.ROOT);
    }

    private static boolean matchesAll(OsInfoEntry e, String[] words) {
        if (words.length == 0) return true;
        String hay = searchableText(e);
        for (String w : words) if (!hay.contains(w)) return false;
        return true;
    }

    /** Newest release first; undated ones last, by name. */
    public static final Comparator<OsInfoEntry> NEWEST_FIRST = Comparator
            .comparing(OsInfoEntry::releaseDate, Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()))
            .thenComparing(OsInfoEntry::name);

    /**
     * For callers with their own fallback (the ISO importer): the installed database's exact match for
     * {@code iso}, empty when the database is missing, the image unreadable or no medium matches.
     */
    public static Optional<IsoMatch> detectInstalled(Path iso) {
        try {
            return system().detectFromIso(iso).filter(IsoMatch::exact);
        } catch (OsInfoException e) {
            return Optional.empty();
        }
    }

    /** Reads {@code iso}'s primary volume descriptor and finds its OS: see {@link #detect(IsoVolumeDescriptor)}. */
    public Optional<IsoMatch> detectFromIso(Path iso) throws OsInfoException {
        return detect(IsoVolumeDescriptor.read(iso));
    }

    /**
     * The OS whose x86-64 media match the image's identifiers: of several, the most specific medium wins, then the
     * newest release. When none matches, a distribution whose name is a word of the volume id (a release newer
     * than the database, e.g. "Debian 13.1.0 amd64 n") gives its newest stable release as a guess.
     */
    public Optional<IsoMatch> detect(IsoVolumeDescriptor iso) {
        OsInfoEntry best = null;
        int bestScore = -1;
        for (OsInfoEntry e : entries) {
            for (IsoMedia m : e.media()) {
                if (!m.matches(iso)) continue;
                int score = m.specificity();
                if (score > bestScore || score == bestScore && NEWEST_FIRST.compare(e, best) < 0) {
                    best = e;
                    bestScore = score;
                }
            }
        }
        if (best != null) return Optional.of(new IsoMatch(best, iso, true));
        return guessFromText(iso.volumeId()).map(e -> new IsoMatch(e, iso, false));
    }

    /**
     * The newest stable release of the distribution whose name is a word of {@code text} (a volume id, a file
     * name such as "debian-13.1.0-amd64-netinst"); empty when no distribution is named.
     */
    public Optional<OsInfoEntry> guessFromText(String text) {
        String label = text.toLowerCase(Locale.ROOT);
        return entries.stream()
                .filter(e -> e.distro().length() >= 4 && !e.isPrerelease() && !e.releaseStatus().equals("rolling") && e.releaseDate() != null)
                .filter(e -> Pattern.compile("(^|[^a-z])" + Pattern.quote(e.distro().toLowerCase(Locale.ROOT)) + "([^a-z]|$)").matcher(label).find())
                .min(NEWEST_FIRST);
    }
}
