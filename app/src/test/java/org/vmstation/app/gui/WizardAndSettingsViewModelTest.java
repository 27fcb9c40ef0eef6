package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.form.DefinitionForm;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.LibraryCatalog;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.settings.SettingsViewModel;
import org.vmstation.app.gui.task.DirectTaskExecutor;
import org.vmstation.app.gui.wizard.NewVmWizardViewModel;
import org.vmstation.app.gui.wizard.OsPresets;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;

/** Wizard and settings rules against a real SQLite library and real qemu-img disks. */
class WizardAndSettingsViewModelTest {
    @TempDir Path dir;
    private VmLibrary library;
    private LibraryCatalog catalog;
    private final NotificationCenter notifications = new NotificationCenter();
    private VmDefinition existing;

    @BeforeEach
    void setUp() throws Exception {
        library = VmLibrary.open(dir.resolve("lib").resolve("library.db"));
        catalog = new LibraryCatalog(library);
        existing = TestVms.vm(dir.resolve("disks"), "Existing", "debian", List.of(), "");
        library.add(existing);
    }

    @AfterEach
    void tearDown() throws Exception { library.close(); }

    private NewVmWizardViewModel wizard() {
        return new NewVmWizardViewModel(catalog, QemuImgDisks.onPath(), new DirectTaskExecutor(), notifications,
                OsPresets.bundled(), List.of(existing), 8192, 4);
    }

    @Test
    void presetFillsDefaultsBoundedByHost() {
        NewVmWizardViewModel w = wizard();
        w.presetProperty().set(OsPresets.bundled().byId("windows11").orElseThrow());
        assertThat(w.form().memoryMiBProperty().get()).isEqualTo(4096);
        assertThat(w.form().firmwareProperty().get()).isEqualTo(Firmware.UEFI);
        assertThat(w.newDiskGiBProperty().get()).isEqualTo(64);
        w.presetProperty().set(OsPresets.bundled().byId("alpine").orElseThrow());
        assertThat(w.form().cpusProperty().get()).isEqualTo(1);
        assertThat(w.form().osTypeProperty().get()).isEqualTo("alpine");
    }

    @Test
    void isoFileNameDetectsTheOs() {
        NewVmWizardViewModel w = wizard();
        w.chooseIso(dir.resolve("debian-13.1.0-amd64-netinst.iso"));
        assertThat(w.presetProperty().get().id()).isEqualTo("debian");
        assertThat(w.form().messageFor("cdroms")).contains("Installer ISO").contains("existing ISO");
    }

    @Test
    void duplicateNameAndBadForwardsAreReportedLive() {
        NewVmWizardViewModel w = wizard();
        assertThat(w.form().problems()).isEmpty();
        assertThat(w.canFinishProperty().get()).isTrue();
        w.nameProperty().set("existing");
        assertThat(w.form().messageFor("name")).contains("Name").contains("no other VM");
        assertThat(w.canFinishProperty().get()).isFalse();
        w.nameProperty().set("Fresh");
        w.form().forwardsProperty().set("tcp:2222:22, bogus");
        assertThat(w.form().messageFor("network.forwards")).contains("Port forwards").contains("bogus");
        w.form().forwardsProperty().set("tcp:2222:22");
        assertThat(w.form().problems()).isEmpty();
        w.form().memoryMiBProperty().set(99999);
        assertThat(w.form().messageFor("memoryMiB")).contains("8192 MiB");
    }

    @Test
    void kernelBootNeedsAnExistingKernel() throws Exception {
        NewVmWizardViewModel w = wizard();
        w.form().bootSourceProperty().set(DefinitionForm.BootSource.KERNEL);
        w.form().kernelPathProperty().set(dir.resolve("vmlinuz").toString());
        assertThat(w.form().messageFor("kernelBoot.kernelPath")).contains("existing kernel");
        Files.writeString(dir.resolve("vmlinuz"), "k");
        w.form().revalidate();
        assertThat(w.form().messageFor("kernelBoot")).isEmpty();
    }

    @Test
    void finishCreatesTheDiskAndTheLibraryEntry() throws Exception {
        NewVmWizardViewModel w = wizard();
        w.nameProperty().set("Made by wizard");
        w.newDiskGiBProperty().set(2);
        AtomicReference<VmEntry> created = new AtomicReference<>();
        w.finish(created::set);
        assertThat(notifications.notifications()).isEmpty();
        assertThat(created.get()).isNotNull();
        VmEntry stored = library.findByName("Made by wizard").orElseThrow();
        Path disk = Path.of(stored.definition().disks().getFirst().path());
        assertThat(disk).isRegularFile().startsWith(library.vmFolder(stored.id()));
        assertThat(QemuImgDisks.onPath().sizeOnDisk(disk)).isPositive();
    }

    @Test
    void settingsLockHardwareWhileRunningAndSaveNameAnyway() throws Exception {
        VmItem item = new VmItem(library.findById(existing.id()).orElseThrow());
        SettingsViewModel s = new SettingsViewModel(item, List.of(existing), library.vmFolder(existing.id()), catalog,
                new DirectTaskExecutor(), notifications);
        assertThat(s.hardwareLockedProperty().get()).isFalse();
        item.stateProperty().set(VmState.RUNNING);
        assertThat(s.hardwareLockedProperty().get()).isTrue();
        assertThat(s.lockReasonProperty().get()).isEqualTo(SettingsViewModel.LOCK_REASON);
        s.form().nameProperty().set("Renamed");
        s.form().memoryMiBProperty().set(512);
        AtomicReference<VmDefinition> saved = new AtomicReference<>();
        s.save(saved::set);
        VmDefinition stored = library.findById(existing.id()).orElseThrow().definition();
        assertThat(stored.name()).isEqualTo("Renamed");
        assertThat(stored.memoryMiB()).as("hardware kept while running").isEqualTo(256);
        item.stateProperty().set(VmState.STOPPED);
        s.form().memoryMiBProperty().set(768);
        s.save(saved::set);
        assertThat(library.findById(existing.id()).orElseThrow().definition().memoryMiB()).isEqualTo(768);
    }
}
