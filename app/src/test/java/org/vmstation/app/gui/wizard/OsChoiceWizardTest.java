package org.vmstation.app.gui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.LibraryCatalog;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.DirectTaskExecutor;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.osinfo.IsoImages;
import org.vmstation.engine.osinfo.OsInfoDatabase;

/**
 * The wizard's OS choice over the real osinfo database of this machine (osinfo-db), real ISO images and a real
 * library: search, defaults, ISO detection, and the noted fallback to the presets. No toolkit.
 */
class OsChoiceWizardTest {
    @TempDir Path dir;
    private VmLibrary library;
    private final NotificationCenter notifications = new NotificationCenter();

    @BeforeEach
    void open() throws Exception { library = VmLibrary.open(dir.resolve("lib").resolve("library.db")); }

    @AfterEach
    void close() throws Exception { library.close(); }

    private NewVmWizardViewModel wizard(java.util.function.Supplier<OsChoices> source) {
        return new NewVmWizardViewModel(new LibraryCatalog(library), QemuImgDisks.onPath(), new DirectTaskExecutor(), notifications,
                OsPresets.bundled(), source, List.of(), 16384, 8);
    }

    private NewVmWizardViewModel wizard() { return wizard(() -> OsChoices.system(OsPresets.bundled())); }

    @Test
    void theListIsTheOsinfoDatabaseSearchableAndGrouped() throws Exception {
        NewVmWizardViewModel w = wizard();
        assertThat(w.osLoadingProperty().get()).isFalse();
        assertThat(w.osNoteProperty().get()).isEmpty();
        assertThat(w.visibleOs()).hasSize(OsInfoDatabase.system().all().size());
        assertThat(w.osProperty().get().key()).as("generic Linux until the user chooses").startsWith("linux20");
        w.osSearchProperty().set("debian");
        assertThat(w.visibleOs()).isNotEmpty().allSatisfy(c -> assertThat(c.label() + c.group()).containsIgnoringCase("debian"));
        assertThat(w.visibleOs().getFirst().key()).isEqualTo("debian11");
        w.osSearchProperty().set("windows 11");
        assertThat(w.visibleOs()).extracting(OsChoice::key).contains("win11");
        w.osSearchProperty().set("");
        // in each vendor's group: supported releases newest first, then the end-of-life and prerelease ones
        List<OsChoice> all = List.copyOf(w.visibleOs());
        for (int i = 1; i < all.size(); i++) {
            OsChoice a = all.get(i - 1), b = all.get(i);
            if (!a.group().equalsIgnoreCase(b.group())) continue;
            assertThat(!a.deEmphasised() || b.deEmphasised()).as(a.label() + " before " + b.label()).isTrue();
            if (a.deEmphasised() == b.deEmphasised() && a.releaseDate() != null && b.releaseDate() != null) {
                assertThat(a.releaseDate()).as(a.label() + " before " + b.label()).isAfterOrEqualTo(b.releaseDate());
            }
        }
        assertThat(all).anySatisfy(c -> assertThat(c.endOfLife()).isTrue());
    }

    @Test
    void choosingAnOsSetsItsDefaultsBoundedByTheHost() throws Exception {
        NewVmWizardViewModel w = wizard();
        var debian = OsInfoDatabase.system().byShortId("debian11").orElseThrow();
        w.osProperty().set(w.osChoices().byKey("debian11").orElseThrow());
        assertThat(w.form().osTypeProperty().get()).isEqualTo("debian");
        assertThat(w.form().memoryMiBProperty().get()).isEqualTo((int) (debian.defaults().ramBytes() >> 20));
        assertThat(w.newDiskGiBProperty().get()).isEqualTo(debian.defaults().storageGiB());
        assertThat(w.form().cpusProperty().get()).as("osinfo recommends no count for Debian").isEqualTo(OsChoice.CPUS_WHEN_UNSAID);
        assertThat(w.form().firmwareProperty().get()).isEqualTo(Firmware.UEFI);
        assertThat(w.diskBusProperty().get()).isEqualTo(DiskBus.VIRTIO);
        assertThat(w.nicModelProperty().get()).isEqualTo("virtio-net-pci");
        assertThat(w.osDefaultsProperty().get()).startsWith("Defaults for Debian 11: ").contains("VIRTIO disk bus");
        assertThat(w.presetProperty().get().id()).isEqualTo("debian");

        w.osProperty().set(w.osChoices().byKey("win11").orElseThrow());
        assertThat(w.form().osTypeProperty().get()).isEqualTo("windows11");
        assertThat(w.form().memoryMiBProperty().get()).isEqualTo(4096);
        assertThat(w.form().cpusProperty().get()).isEqualTo(2);
        assertThat(w.newDiskGiBProperty().get()).isEqualTo(64);
        assertThat(w.form().firmwareProperty().get()).isEqualTo(Firmware.UEFI);
        assertThat(w.diskBusProperty().get()).as("no in-box virtio driver").isEqualTo(DiskBus.SATA);
        assertThat(w.nicModelProperty().get()).isEqualTo("e1000e");

        NewVmWizardViewModel small = new NewVmWizardViewModel(new LibraryCatalog(library), QemuImgDisks.onPath(), new DirectTaskExecutor(),
                notifications, OsPresets.bundled(), () -> OsChoices.system(OsPresets.bundled()), List.of(), 2048, 1);
        small.osProperty().set(small.osChoices().byKey("win11").orElseThrow());
        assertThat(small.form().memoryMiBProperty().get()).isEqualTo(2048);
        assertThat(small.form().cpusProperty().get()).isEqualTo(1);
    }

    @Test
    void theChosenDevicesReachTheCreatedVm() throws Exception {
        NewVmWizardViewModel w = wizard();
        w.osProperty().set(w.osChoices().byKey("win11").orElseThrow());
        w.nameProperty().set("Windows box");
        w.newDiskGiBProperty().set(1);
        AtomicReference<VmEntry> created = new AtomicReference<>();
        w.finish(created::set);
        assertThat(notifications.notifications()).isEmpty();
        var def = library.findByName("Windows box").orElseThrow().definition();
        assertThat(def.osType()).isEqualTo("windows11");
        assertThat(def.disks()).singleElement().satisfies(d -> assertThat(d.bus()).isEqualTo(DiskBus.SATA));
        assertThat(def.network().model()).isEqualTo("e1000e");
        assertThat(def.firmware()).isEqualTo(Firmware.UEFI);
    }

    @Test
    void choosingAnInstallerIsoDetectsAndSelectsItsOs() throws Exception {
        NewVmWizardViewModel w = wizard();
        Path iso = IsoImages.make(dir, "netinst.iso", "Debian 11.5.0 amd64 n", null);
        w.chooseIso(iso);
        assertThat(w.osProperty().get().key()).isEqualTo("debian11");
        assertThat(w.isoDetectionProperty().get()).isEqualTo("Detected Debian 11 from the ISO's volume id 'Debian 11.5.0 amd64 n'");
        assertThat(w.form().isoPathProperty().get()).isEqualTo(iso.toString());
        assertThat(w.form().memoryMiBProperty().get()).isEqualTo(1024);

        Path windows = IsoImages.make(dir, "Win11_English_x64.iso", "CCCOMA_X64FRE_EN-US_DV9", "MICROSOFT CORPORATION");
        w.form().isoPathProperty().set(windows.toString()); // typed or pasted rather than browsed
        assertThat(w.osProperty().get().key()).isEqualTo("win11");
        assertThat(w.isoDetectionProperty().get()).contains("Microsoft Windows 11").contains("CCCOMA_X64FRE_EN-US_DV9");

        Path data = IsoImages.make(dir, "backup.iso", "MY_BACKUP", null);
        w.chooseIso(data);
        assertThat(w.osProperty().get().key()).as("kept").isEqualTo("win11");
        assertThat(w.isoDetectionProperty().get()).isEqualTo("No operating system is known by the ISO's volume id 'MY_BACKUP', "
                + "nor by its file name: choose the operating system below");

        Path notIso = Files.writeString(dir.resolve("fedora-notes.iso"), "not an image");
        w.chooseIso(notIso);
        assertThat(w.isoDetectionProperty().get()).contains("is not an ISO 9660 image").contains("guessed Fedora")
                .contains("from the file name 'fedora-notes.iso'");
        assertThat(w.osProperty().get().osType()).isEqualTo("fedora");
    }

    @Test
    void withoutTheDatabaseThePresetsAreOfferedWithANote() throws Exception {
        NewVmWizardViewModel w = wizard(() -> {
            try {
                return OsChoices.fromDatabase(OsInfoDatabase.load(dir.resolve("no-osinfo")), OsPresets.bundled(), LocalDate.now());
            } catch (org.vmstation.engine.osinfo.OsInfoException e) {
                return OsChoices.fromPresets(OsPresets.bundled(), e.getMessage());
            }
        });
        assertThat(w.osNoteProperty().get()).contains("no-osinfo").contains("is not an osinfo database")
                .contains("built-in presets").contains("osinfo-db");
        assertThat(w.visibleOs()).extracting(OsChoice::label).containsExactlyElementsOf(OsPresets.bundled().all().stream().map(OsPreset::label).toList());
        w.osSearchProperty().set("win");
        assertThat(w.visibleOs()).extracting(OsChoice::osType).contains("windows11", "windows10");
        Path iso = IsoImages.make(dir, "x.iso", "Fedora-WS-Live-37-1-7", null);
        w.chooseIso(iso);
        assertThat(w.form().osTypeProperty().get()).isEqualTo("fedora");
        assertThat(w.isoDetectionProperty().get()).contains("Detected Fedora").contains("osinfo-db is not installed");
    }

    @Test
    void everyOsTypeTheDatabaseMapsToHasAPresetForItsIconAndLabel() throws Exception {
        OsPresets presets = OsPresets.bundled();
        for (OsChoice c : OsChoices.system(presets).all()) {
            assertThat(presets.forOsType(c.osType()).id()).as(c.label() + " -> " + c.osType()).isEqualTo(c.osType());
        }
        assertThat(presets.forOsType("arch").id()).as("the importers' spelling").isEqualTo("archlinux");
        assertThat(presets.forOsType("windows-server-2022").family()).isEqualTo("windows");
        assertThat(presets.forOsType("no-such-os").id()).isEqualTo("other");
    }

    @Test
    void aPartlyBrokenDatabaseSaysWhatWasLeftOut() throws Exception {
        Path root = dir.resolve("osinfo");
        Files.createDirectories(root.resolve("os/x"));
        Files.writeString(root.resolve("os/x/good.xml"), "<libosinfo><os id='http://x/good/1'><short-id>good1</short-id><name>Good 1</name></os></libosinfo>");
        Files.writeString(root.resolve("os/x/bad.xml"), "<libosinfo><os id='http://x/bad'>");
        OsChoices c = OsChoices.fromDatabase(OsInfoDatabase.load(root), OsPresets.bundled(), LocalDate.now());
        assertThat(c.all()).extracting(OsChoice::key).containsExactly("good1");
        assertThat(c.note()).startsWith("1 file(s) of the osinfo database could not be read").contains("bad.xml");
        assertThat(c.all().getFirst().summary()).isEqualTo("1024 MiB, 2 CPUs, 16 GiB disk, BIOS, SATA disk bus, e1000 network");
    }
}
