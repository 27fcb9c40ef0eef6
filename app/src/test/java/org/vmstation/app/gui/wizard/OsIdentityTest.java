package org.vmstation.app.gui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.details.SummaryFormatter;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.LibraryCatalog;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.settings.SettingsViewModel;
import org.vmstation.app.gui.task.DirectTaskExecutor;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.osinfo.RecordedOs;

/**
 * The exact OS the wizard was told (osinfo's Debian 11) is kept with the VM beside its OS type (debian, which
 * icons, importers, the guest clock and export key on), shown in the details pane, and dropped when the OS type
 * is changed in the settings. Real osinfo database, real library, no toolkit.
 */
class OsIdentityTest {
    @TempDir Path dir;
    private VmLibrary library;
    private final NotificationCenter notifications = new NotificationCenter();
    private final OsPresets presets = OsPresets.bundled();

    @BeforeEach
    void open() throws Exception { library = VmLibrary.open(dir.resolve("lib").resolve("library.db")); }

    @AfterEach
    void close() throws Exception { library.close(); }

    private VmDefinition create(String name, java.util.function.Supplier<OsChoices> source, String key) {
        NewVmWizardViewModel w = new NewVmWizardViewModel(new LibraryCatalog(library), QemuImgDisks.onPath(), new DirectTaskExecutor(),
                notifications, presets, source, List.of(), 16384, 8);
        w.osProperty().set(w.osChoices().byKey(key).orElseThrow());
        w.nameProperty().set(name);
        w.newDiskGiBProperty().set(1);
        AtomicReference<VmEntry> created = new AtomicReference<>();
        w.finish(created::set);
        assertThat(notifications.notifications()).isEmpty();
        return library.findByName(name).orElseThrow().definition();
    }

    private static String osRow(VmDefinition d, String presetLabel) {
        return SummaryFormatter.rows(d, presetLabel, Map.of()).getFirst().value();
    }

    @Test
    void theWizardKeepsTheExactOsBesideTheOsTypeAndTheDetailsPaneShowsIt() {
        VmDefinition d = create("Debian box", () -> OsChoices.system(presets), "debian11");
        assertThat(d.osType()).as("what icons, importers and export understand").isEqualTo("debian");
        assertThat(d.settings()).containsEntry(RecordedOs.ID, "http://debian.org/debian/11")
                .containsEntry(RecordedOs.SHORT_ID, "debian11")
                .containsEntry(RecordedOs.NAME, "Debian 11");
        assertThat(presets.forOsType(d.osType()).family()).isEqualTo("linux");
        assertThat(osRow(d, presets.forOsType(d.osType()).label())).isEqualTo("Debian 11");

        VmDefinition win = create("Windows box", () -> OsChoices.system(presets), "win11");
        assertThat(win.osType()).isEqualTo("windows11");
        assertThat(win.settings()).containsEntry(RecordedOs.SHORT_ID, "win11").containsEntry(RecordedOs.ID, "http://microsoft.com/win/11");
    }

    @Test
    void aPresetChoiceAndAnOldRowHaveNoExactOsAndShowThePresetLabel() {
        VmDefinition d = create("Preset box", () -> OsChoices.fromPresets(presets, "osinfo-db is not installed"), "preset:fedora");
        assertThat(d.osType()).isEqualTo("fedora");
        assertThat(d.settings()).doesNotContainKeys(RecordedOs.ID, RecordedOs.SHORT_ID, RecordedOs.NAME);
        assertThat(osRow(d, presets.forOsType("fedora").label())).isEqualTo(presets.forOsType("fedora").label());
    }

    @Test
    void changingTheOsTypeInTheSettingsDropsTheExactOsAndOtherEditsKeepIt() {
        VmDefinition d = create("Debian box", () -> OsChoices.system(presets), "debian11");
        VmItem item = new VmItem(library.findById(d.id()).orElseThrow());
        SettingsViewModel s = new SettingsViewModel(item, List.of(d), library.vmFolder(d.id()), new LibraryCatalog(library),
                new DirectTaskExecutor(), notifications);
        assertThat(s.exactOsProperty().get()).isEqualTo("Made for Debian 11 (osinfo: debian11).");
        s.form().notesProperty().set("web server");
        s.save(saved -> { });
        assertThat(library.findById(d.id()).orElseThrow().definition().settings()).containsEntry(RecordedOs.NAME, "Debian 11");

        VmItem again = new VmItem(library.findById(d.id()).orElseThrow());
        SettingsViewModel t = new SettingsViewModel(again, List.of(d), library.vmFolder(d.id()), new LibraryCatalog(library),
                new DirectTaskExecutor(), notifications);
        t.form().osTypeProperty().set("fedora");
        assertThat(t.exactOsProperty().get()).isEqualTo("Saving with another type forgets that it was made for Debian 11.");
        t.save(saved -> { });
        VmDefinition stored = library.findById(d.id()).orElseThrow().definition();
        assertThat(stored.osType()).isEqualTo("fedora");
        assertThat(stored.settings()).doesNotContainKeys(RecordedOs.ID, RecordedOs.SHORT_ID, RecordedOs.NAME);
        assertThat(osRow(stored, presets.forOsType("fedora").label())).isEqualTo(presets.forOsType("fedora").label());
        assertThat(notifications.notifications()).isEmpty();
    }
}
