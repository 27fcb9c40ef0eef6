package org.vmstation.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryLocationTest {
    @TempDir Path tmp;

    @Test
    void linuxUsesXdgDataHomeOrItsDefault() {
        Path home = tmp.resolve("home");
        assertThat(LibraryLocation.resolve(Map.of(), "Linux", home))
                .isEqualTo(home.resolve(".local/share/vmstation/library.db"));
        assertThat(LibraryLocation.resolve(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString()), "Linux", home))
                .isEqualTo(tmp.resolve("data/vmstation/library.db"));
        // A relative XDG_DATA_HOME is invalid by the spec and ignored.
        assertThat(LibraryLocation.resolve(Map.of("XDG_DATA_HOME", "relative/data"), "Linux", home))
                .isEqualTo(home.resolve(".local/share/vmstation/library.db"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        Path home = tmp.resolve("Users/me");
        assertThat(LibraryLocation.resolve(Map.of("XDG_DATA_HOME", "/ignored"), "Mac OS X", home))
                .isEqualTo(home.resolve("Library/Application Support/VMStation/library.db"));
    }

    @Test
    void windowsUsesAppData() {
        Path appData = tmp.resolve("Roaming");
        assertThat(LibraryLocation.resolve(Map.of("APPDATA", appData.toString()), "Windows 11", tmp))
                .isEqualTo(appData.resolve("VMStation").resolve("library.db"));
        assertThat(LibraryLocation.resolve(Map.of(), "Windows 11", tmp))
                .isEqualTo(tmp.resolve("AppData").resolve("Roaming").resolve("VMStation").resolve("library.db"));
    }

    @Test
    void overrideMayNameTheFileOrAFolder() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("lib folder"));
        assertThat(LibraryLocation.resolve(Map.of("VMSTATION_LIBRARY", folder.toString()), "Linux", tmp))
                .isEqualTo(folder.resolve("library.db"));
        Path existingFile = Files.writeString(tmp.resolve("mine.sqlite"), "");
        assertThat(LibraryLocation.resolve(Map.of("VMSTATION_LIBRARY", existingFile.toString()), "Windows 10", tmp))
                .isEqualTo(existingFile);
        assertThat(LibraryLocation.resolve(Map.of("VMSTATION_LIBRARY", tmp.resolve("new/other.db").toString()), "Mac OS X", tmp))
                .isEqualTo(tmp.resolve("new/other.db"));
        assertThat(LibraryLocation.resolve(Map.of("VMSTATION_LIBRARY", tmp.resolve("new-folder").toString()), "Linux", tmp))
                .isEqualTo(tmp.resolve("new-folder/library.db"));
    }

    @Test
    void defaultDatabaseIsAnAbsoluteDbFile() {
        Path db = LibraryLocation.defaultDatabase();
        assertThat(db).isAbsolute();
        assertThat(db.getFileName().toString()).endsWith(".db");
    }
}
