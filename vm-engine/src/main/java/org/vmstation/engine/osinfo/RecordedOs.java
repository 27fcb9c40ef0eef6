package org.vmstation.engine.osinfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.vmstation.engine.model.VmDefinition;

/**
 * The exact operating system a VM was made for, as three of its settings beside the preset {@code osType}: the
 * osinfo id ({@value #ID}, e.g. {@code http://debian.org/debian/11}), the short id ({@value #SHORT_ID},
 * {@code debian11}, as {@code osinfo-query} names it) and the name to show ({@value #NAME}, "Debian 11"). The New
 * VM wizard writes them, OVF export and import carry them; the window and the command line read them here, so
 * both show the same name. A VM made from a preset, or before these settings existed, has none.
 *
 * @param osinfoId the osinfo id, or "" when not recorded
 * @param shortId the osinfo short id, or "" when not recorded
 * @param name the exact OS name, never blank
 */
public record RecordedOs(String osinfoId, String shortId, String name) {
    public static final String ID = "os.osinfo-id";
    public static final String SHORT_ID = "os.osinfo-short-id";
    public static final String NAME = "os.name";

    /** What {@code d}'s settings record; empty when they hold no name (the name is what makes a record worth showing). */
    public static Optional<RecordedOs> of(VmDefinition d) {
        String name = d.settings().get(NAME);
        if (name == null || name.isBlank()) return Optional.empty();
        return Optional.of(new RecordedOs(value(d, ID), value(d, SHORT_ID), name.strip()));
    }

    /** The name to show for {@code d}'s OS: the exact one when recorded, else {@code otherwise} (e.g. the preset's). */
    public static String label(VmDefinition d, String otherwise) {
        return of(d).map(RecordedOs::name).orElse(otherwise);
    }

    /**
     * {@code edited} as saved after editing {@code before}: when the OS type changed, the exact OS recorded for the
     * old type no longer describes the VM and is dropped, except what the same edit recorded itself (e.g.
     * {@code vmstation edit --os fedora --set os.name="Fedora 40"}); any other edit keeps the record.
     */
    public static VmDefinition afterEdit(VmDefinition before, VmDefinition edited) {
        if (before.osType().equalsIgnoreCase(edited.osType())) return edited;
        LinkedHashMap<String, String> settings = new LinkedHashMap<>(edited.settings());
        boolean dropped = false;
        for (String key : java.util.List.of(ID, SHORT_ID, NAME)) {
            if (java.util.Objects.equals(before.settings().get(key), settings.get(key))) dropped |= settings.remove(key) != null;
        }
        return dropped ? edited.toBuilder().settings(settings).build() : edited;
    }

    /** A copy of {@code settings} without the three keys, for a VM whose OS no longer is the recorded one. */
    public static LinkedHashMap<String, String> without(Map<String, String> settings) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(settings);
        copy.remove(ID);
        copy.remove(SHORT_ID);
        copy.remove(NAME);
        return copy;
    }

    private static String value(VmDefinition d, String key) {
        String v = d.settings().get(key);
        return v == null ? "" : v.strip();
    }
}
