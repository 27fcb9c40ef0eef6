package org.vmstation.app.gui.wizard;

import java.util.LinkedHashMap;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.osinfo.RecordedOs;

/**
 * The exact operating system a VM was made for, kept beside its OS type. The VM's {@code osType} stays the OS
 * preset id (debian, windows11, ...): the icons, the importers' single mapping table ({@code OsMapping}), the
 * Windows guest clock and the OVF export all key on it, and old rows hold nothing else. What the osinfo database
 * knew more precisely (Debian 11, not just Debian) goes into three settings of the VM, written by the New VM
 * wizard and dropped when the OS type is changed later: {@value RecordedOs#ID} (the osinfo id, e.g.
 * {@code http://debian.org/debian/11}), {@value RecordedOs#SHORT_ID} ({@code debian11}, as {@code osinfo-query} and
 * virt-install name it) and {@value RecordedOs#NAME} ("Debian 11", shown in the details pane). Reading them, toolkit-free and
 * shared with the command line, is {@link RecordedOs}; this class is what the wizard and the settings dialog do
 * with them.
 */
public final class OsIdentity {
    private OsIdentity() {}

    /** {@code d} with the OS type of {@code chosen} and, for an osinfo OS, its exact identity (a preset has none). */
    public static VmDefinition record(VmDefinition d, OsChoice chosen) {
        LinkedHashMap<String, String> settings = RecordedOs.without(d.settings());
        if (chosen.fromOsInfo() && !chosen.osinfoId().isBlank()) {
            settings.put(RecordedOs.ID, chosen.osinfoId());
            settings.put(RecordedOs.SHORT_ID, chosen.key());
            settings.put(RecordedOs.NAME, chosen.label());
        }
        return d.toBuilder().osType(chosen.osType()).settings(settings).build();
    }

    /**
     * What the settings dialog says under its OS type: the exact OS the VM was made for while the type is still
     * {@code d}'s, that saving will forget it once another type is chosen, or nothing for a VM without one.
     */
    public static String describe(VmDefinition d, String osTypeNow) {
        RecordedOs os = RecordedOs.of(d).orElse(null);
        if (os == null) return "";
        if (osTypeNow != null && osTypeNow.equalsIgnoreCase(d.osType())) {
            return "Made for " + os.name() + (os.shortId().isEmpty() ? "" : " (osinfo: " + os.shortId() + ")") + ".";
        }
        return "Saving with another type forgets that it was made for " + os.name() + ".";
    }
}
