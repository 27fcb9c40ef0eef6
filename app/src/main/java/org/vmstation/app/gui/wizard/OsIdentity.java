package org.vmstation.app.gui.wizard;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vmstation.engine.model.VmDefinition;

/**
 * The exact operating system a VM was made for, kept beside its OS type. The VM's {@code osType} stays the OS
 * preset id (debian, windows11, ...): the icons, the importers' single mapping table ({@code OsMapping}), the
 * Windows guest clock and the OVF export all key on it, and old rows hold nothing else. What the osinfo database
 * knew more precisely (Debian 11, not just Debian) goes into three settings of the VM, written by the New VM
 * wizard and dropped when the OS type is changed later: {@value #ID} (the osinfo id, e.g.
 * {@code http://debian.org/debian/11}), {@value #SHORT_ID} ({@code debian11}, as {@code osinfo-query} and
 * virt-install name it) and {@value #NAME} ("Debian 11", shown in the details pane).
 */
public final class OsIdentity {
    public static final String ID = "os.osinfo-id";
    public static final String SHORT_ID = "os.osinfo-short-id";
    public static final String NAME = "os.name";

    private OsIdentity() {}

    /** {@code d} with the OS type of {@code chosen} and, for an osinfo OS, its exact identity (a preset has none). */
    public static VmDefinition record(VmDefinition d, OsChoice chosen) {
        LinkedHashMap<String, String> settings = withoutIdentity(d.settings());
        if (chosen.fromOsInfo() && !chosen.osinfoId().isBlank()) {
            settings.put(ID, chosen.osinfoId());
            settings.put(SHORT_ID, chosen.key());
            settings.put(NAME, chosen.label());
        }
        return d.toBuilder().osType(chosen.osType()).settings(settings).build();
    }

    /**
     * {@code edited} as saved after editing {@code before}: when the OS type changed, the exact OS recorded for the
     * old one no longer describes the VM and is dropped.
     */
    public static VmDefinition afterEdit(VmDefinition before, VmDefinition edited) {
        if (before.osType().equalsIgnoreCase(edited.osType())) return edited;
        return edited.toBuilder().settings(withoutIdentity(edited.settings())).build();
    }

    /** The name to show for the VM's OS: the exact one when the wizard recorded it, else {@code presetLabel}. */
    public static String label(VmDefinition d, String presetLabel) {
        String name = d.settings().get(NAME);
        return name == null || name.isBlank() ? presetLabel : name.strip();
    }

    /**
     * What the settings dialog says under its OS type: the exact OS the VM was made for while the type is still
     * {@code d}'s, that saving will forget it once another type is chosen, or nothing for a VM without one.
     */
    public static String describe(VmDefinition d, String osTypeNow) {
        String name = d.settings().get(NAME);
        if (name == null || name.isBlank()) return "";
        String shortId = d.settings().getOrDefault(SHORT_ID, "");
        if (osTypeNow != null && osTypeNow.equalsIgnoreCase(d.osType())) {
            return "Made for " + name.strip() + (shortId.isBlank() ? "" : " (osinfo: " + shortId.strip() + ")") + ".";
        }
        return "Saving with another type forgets that it was made for " + name.strip() + ".";
    }

    private static LinkedHashMap<String, String> withoutIdentity(Map<String, String> settings) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(settings);
        copy.remove(ID);
        copy.remove(SHORT_ID);
        copy.remove(NAME);
        return copy;
    }
}
