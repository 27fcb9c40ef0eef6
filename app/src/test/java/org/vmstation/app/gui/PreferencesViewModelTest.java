package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.prefs.CloseBehaviour;
import org.vmstation.app.gui.prefs.DesktopTheme;
import org.vmstation.app.gui.prefs.HostKey;
import org.vmstation.app.gui.prefs.OpenLibrary;
import org.vmstation.app.gui.prefs.Preferences;
import org.vmstation.app.gui.prefs.PreferencesStore;
import org.vmstation.app.gui.prefs.PreferencesViewModel;
import org.vmstation.app.gui.prefs.Theme;
import org.vmstation.app.gui.task.DirectTaskExecutor;

class PreferencesViewModelTest {
    @TempDir Path dir;

    private PreferencesViewModel vm(PreferencesStore store, PreferencesViewModel.QemuCheck check) {
        return new PreferencesViewModel(Preferences.DEFAULTS, store, new DirectTaskExecutor(), new NotificationCenter(), check);
    }

    @Test
    void theOpenLibraryIsShownWithWhatChoseIt() throws Exception {
        Path platformDefault = dir.resolve("share/vmstation/library.db");
        Path chosen = Files.createDirectories(dir.resolve("chosen"));
        Preferences saved = new Preferences(dir.resolve("saved").toString(), "", "", HostKey.CTRL_ALT, CloseBehaviour.ASK, Theme.SYSTEM);
        // --library DIR: none of the environment, the preference and the default names it
        assertThat(OpenLibrary.of(chosen.resolve("library.db"), saved, Map.of(), platformDefault).origin())
                .isEqualTo(OpenLibrary.Origin.COMMAND_LINE);
        assertThat(OpenLibrary.of(dir.resolve("saved/library.db"), saved, Map.of(), platformDefault).origin())
                .isEqualTo(OpenLibrary.Origin.PREFERENCES);
        assertThat(OpenLibrary.of(chosen.resolve("library.db"), saved, Map.of("VMSTATION_LIBRARY", chosen.toString()), platformDefault).origin())
                .isEqualTo(OpenLibrary.Origin.ENVIRONMENT);
        assertThat(OpenLibrary.of(platformDefault, Preferences.DEFAULTS, Map.of(), platformDefault).origin())
                .isEqualTo(OpenLibrary.Origin.DEFAULT);
        // the default location opened with --library pointing at it is the same library: said to be the default
        assertThat(OpenLibrary.of(platformDefault, Preferences.DEFAULTS, Map.of("VMSTATION_LIBRARY", " "), platformDefault).origin())
                .isEqualTo(OpenLibrary.Origin.DEFAULT);

        PreferencesStore store = new PreferencesStore(dir.resolve("cfg/preferences.properties"));
        assertThat(vm(store, b -> "ok").openLibraryProperty().get()).as("not told which library is open").isEmpty();
        PreferencesViewModel told = vm(store.withOpenLibrary(OpenLibrary.of(chosen.resolve("library.db"), saved, Map.of(), platformDefault)), b -> "ok");
        assertThat(told.openLibraryProperty().get()).isEqualTo("Open now: " + chosen.resolve("library.db")
                + " (chosen with --library on the command line). The location above is used when VMStation opens without it.");
        assertThat(vm(store.withOpenLibrary(new OpenLibrary(platformDefault, OpenLibrary.Origin.DEFAULT)), b -> "ok").openLibraryProperty().get())
                .isEqualTo("Open now: " + platformDefault + " (the default).");
    }

    @Test
    void savedPreferencesReadBackTheSame() throws Exception {
        PreferencesStore store = new PreferencesStore(dir.resolve("cfg/preferences.properties"));
        assertThat(store.load().preferences()).isEqualTo(Preferences.DEFAULTS);
        Preferences p = new Preferences(dir.toString(), dir.toString(), "/usr/bin/qemu-system-x86_64", HostKey.CTRL_ALT_G,
                CloseBehaviour.SUSPEND, Theme.DARK);
        store.save(p);
        assertThat(store.load().preferences()).isEqualTo(p);
        assertThat(store.load().problems()).isEmpty();
        assertThat(Files.readString(store.file())).contains("window.theme=dark", "window.close=suspend", "console.host-key=ctrl-alt-g");
    }

    @Test
    void aBadValueFallsBackToItsDefaultAndSaysWhichKeyValueAndWhatWasExpected() throws Exception {
        Path file = dir.resolve("preferences.properties");
        Files.writeString(file, "window.theme=purple\nwindow.close=shut-down\n");
        PreferencesStore.Loaded loaded = new PreferencesStore(file).load();
        assertThat(loaded.preferences().theme()).isEqualTo(Theme.SYSTEM);
        assertThat(loaded.preferences().closeBehaviour()).isEqualTo(CloseBehaviour.SHUT_DOWN);
        assertThat(loaded.problems()).singleElement().asString()
                .contains(file.toString(), "window.theme", "'purple'", "expected one of system, light, dark", "using system");
    }

    @Test
    void pathsAreCheckedAsTheyAreTyped() throws Exception {
        PreferencesViewModel vm = vm(new PreferencesStore(dir.resolve("p.properties")), b -> "QEMU 7.2");
        assertThat(vm.canSaveProperty().get()).isTrue();
        vm.libraryLocationProperty().set("relative/lib");
        assertThat(vm.libraryErrorProperty().get()).startsWith("Library location: 'relative/lib' is not an absolute path");
        assertThat(vm.canSaveProperty().get()).isFalse();
        vm.libraryLocationProperty().set(dir.resolve("missing/deeper/lib").toString());
        assertThat(vm.libraryErrorProperty().get()).contains("does not exist");
        vm.libraryLocationProperty().set(dir.resolve("newlib").toString());
        assertThat(vm.libraryErrorProperty().get()).isEmpty();
        Path notALibrary = Files.writeString(dir.resolve("notes.txt"), "x");
        vm.libraryLocationProperty().set(notALibrary.toString());
        assertThat(vm.libraryErrorProperty().get()).contains("is a file but not a library");
        vm.libraryLocationProperty().set("");

        vm.defaultVmFolderProperty().set(dir.resolve("nope").toString());
        assertThat(vm.folderErrorProperty().get()).isEqualTo("Default VM folder: " + dir.resolve("nope") + " is not an existing folder");
        vm.defaultVmFolderProperty().set(dir.toString());
        assertThat(vm.folderErrorProperty().get()).isEmpty();

        vm.qemuBinaryProperty().set(notALibrary.toString());
        assertThat(vm.qemuErrorProperty().get()).contains("is not executable by this user");
        assertThat(vm.canSaveProperty().get()).isFalse();
        vm.qemuBinaryProperty().set("");
        assertThat(vm.canSaveProperty().get()).isTrue();
    }

    @Test
    void theQemuBinaryIsProbedAndAFailedProbeBlocksSaving() throws Exception {
        Path fake = Files.writeString(dir.resolve("qemu-fake"), "#!/bin/sh\nexit 1\n");
        fake.toFile().setExecutable(true);
        List<Path> probed = new ArrayList<>();
        PreferencesViewModel vm = vm(new PreferencesStore(dir.resolve("p.properties")), b -> {
            probed.add(b);
            if (b != null) throw new IllegalStateException(b + " does not look like QEMU: no version line");
            return "QEMU 7.2.22 at /usr/bin/qemu-system-x86_64";
        });
        vm.checkQemu();
        assertThat(probed).containsExactly((Path) null);
        assertThat(vm.qemuInfoProperty().get()).isEqualTo("QEMU 7.2.22 at /usr/bin/qemu-system-x86_64");

        vm.qemuBinaryProperty().set(fake.toString());
        assertThat(vm.qemuInfoProperty().get()).startsWith("Not checked yet");
        List<Preferences> applied = new ArrayList<>();
        vm.save(applied::add); // checks first, and the check fails
        assertThat(vm.qemuErrorProperty().get()).isEqualTo("QEMU binary: " + fake + " does not look like QEMU: no version line");
        assertThat(applied).isEmpty();
        assertThat(vm.canSaveProperty().get()).isFalse();
        assertThat(vm.store().file()).doesNotExist();
    }

    @Test
    void savingWritesTheFileAndHandsThePreferencesOver() throws Exception {
        PreferencesStore store = new PreferencesStore(dir.resolve("cfg/preferences.properties"));
        NotificationCenter notes = new NotificationCenter();
        PreferencesViewModel vm = new PreferencesViewModel(Preferences.DEFAULTS, store, new DirectTaskExecutor(), notes, b -> "ok");
        vm.themeProperty().set(Theme.DARK);
        vm.hostKeyProperty().set(HostKey.CTRL_SHIFT);
        vm.closeBehaviourProperty().set(CloseBehaviour.KEEP_RUNNING);
        List<Preferences> applied = new ArrayList<>();
        vm.save(applied::add);
        assertThat(applied).singleElement().satisfies(p -> {
            assertThat(p.theme()).isEqualTo(Theme.DARK);
            assertThat(p.hostKey()).isEqualTo(HostKey.CTRL_SHIFT);
            assertThat(p.closeBehaviour()).isEqualTo(CloseBehaviour.KEEP_RUNNING);
        });
        assertThat(store.load().preferences()).isEqualTo(applied.getFirst());
        assertThat(notes.notifications()).isEmpty(); // nothing that needs a restart changed

        PreferencesViewModel again = new PreferencesViewModel(applied.getFirst(), store, new DirectTaskExecutor(), notes, b -> "ok");
        again.libraryLocationProperty().set(dir.toString());
        again.save(p -> {});
        assertThat(notes.notifications()).singleElement().satisfies(n -> assertThat(n.message()).contains("next time VMStation opens"));
    }

    @Test
    void hostKeysMatchTheirCombinationOnly() {
        assertThat(HostKey.CTRL_ALT.matches(true, true, false, "Alt")).isTrue();
        assertThat(HostKey.CTRL_ALT.matches(true, true, false, "Ctrl")).isTrue();
        assertThat(HostKey.CTRL_ALT.matches(true, false, false, "Ctrl")).isFalse();
        assertThat(HostKey.CTRL_ALT.matches(true, true, false, "G")).isFalse();
        assertThat(HostKey.CTRL_ALT_G.matches(true, true, false, "G")).isTrue();
        assertThat(HostKey.CTRL_ALT_G.matches(true, true, false, "Alt")).isFalse();
        assertThat(HostKey.CTRL_SHIFT.matches(true, false, true, "Shift")).isTrue();
        assertThat(HostKey.CTRL_SHIFT.matches(true, true, true, "Shift")).isFalse();
    }

    @Test
    void followingTheDesktopReadsGnomeColourSchemeThenTheGtkThemeName() {
        assertThat(Theme.SYSTEM.isDark(true)).isTrue();
        assertThat(Theme.LIGHT.isDark(true)).isFalse();
        assertThat(Theme.DARK.isDark(false)).isTrue();
        assertThat(desktop(Map.of("color-scheme", "'prefer-dark'"), Map.of()).prefersDark()).isTrue();
        assertThat(desktop(Map.of("color-scheme", "'prefer-light'", "gtk-theme", "'Adwaita-dark'"), Map.of()).prefersDark()).isFalse();
        assertThat(desktop(Map.of("color-scheme", "'default'", "gtk-theme", "'Adwaita-dark'"), Map.of()).prefersDark()).isTrue();
        assertThat(desktop(Map.of(), Map.of("GTK_THEME", "Adwaita:dark")).prefersDark()).isTrue();
        assertThat(desktop(Map.of(), Map.of()).prefersDark()).isFalse();
        // this machine (no GNOME session): a real run answers without hanging
        assertThat(DesktopTheme.forThisDesktop().prefersDark()).isIn(true, false);
    }

    private static DesktopTheme desktop(Map<String, String> gsettings, Map<String, String> env) {
        return new DesktopTheme(cmd -> Optional.ofNullable(gsettings.get(cmd.getLast())), env);
    }
}
