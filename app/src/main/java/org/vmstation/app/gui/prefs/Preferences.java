package org.vmstation.app.gui.prefs;

import java.util.Objects;

/**
 * The user's settings for VMStation itself (not for one VM). Empty paths mean "VMStation's default".
 *
 * @param libraryLocation the library's folder or .db file; empty: {@code ~/.local/share/vmstation}
 * @param defaultVmFolder where choosers for disks and installer ISOs open; empty: the home folder
 * @param qemuBinary      qemu-system-x86_64 to run; empty: found on PATH
 */
public record Preferences(String libraryLocation, String defaultVmFolder, String qemuBinary, HostKey hostKey,
                          CloseBehaviour closeBehaviour, Theme theme) {
    public static final Preferences DEFAULTS = new Preferences("", "", "", HostKey.CTRL_ALT, CloseBehaviour.ASK, Theme.SYSTEM);

    public Preferences {
        libraryLocation = libraryLocation == null ? "" : libraryLocation.strip();
        defaultVmFolder = defaultVmFolder == null ? "" : defaultVmFolder.strip();
        qemuBinary = qemuBinary == null ? "" : qemuBinary.strip();
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(closeBehaviour, "closeBehaviour");
        Objects.requireNonNull(theme, "theme");
    }

    public Preferences withTheme(Theme t) { return new Preferences(libraryLocation, defaultVmFolder, qemuBinary, hostKey, closeBehaviour, t); }

    public Preferences withCloseBehaviour(CloseBehaviour c) {
        return new Preferences(libraryLocation, defaultVmFolder, qemuBinary, hostKey, c, theme);
    }
}
