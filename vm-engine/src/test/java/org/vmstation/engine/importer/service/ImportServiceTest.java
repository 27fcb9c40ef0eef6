package org.vmstation.engine.importer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportedVm;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.ImporterRegistry;
import org.vmstation.engine.importer.SourceDisk;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.storage.CancellationToken;
import org.vmstation.engine.storage.QemuImg;

/** Imports into a real library with real qemu-img conversions; failures must leave nothing behind. */
class ImportServiceTest {
    @TempDir Path tmp;
    VmLibrary library;
    ImportService service;

    @BeforeEach
    void open() throws Exception {
        library = VmLibrary.open(tmp.resolve("lib/library.db"));
        service = new ImportService(library, QemuImg.locate());
    }

    @AfterEach
    void close() throws Exception { library.close(); }

    /** Copies a corpus OVF into a folder and makes a real disk image for every disk it names. */
    private Path ovfWithDisks(String corpusName, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path ovf = Files.copy(ImportFixtures.corpusRoot().resolve(corpusName), dir.resolve(Path.of(corpusName).getFileName()));
        ImportPlan plan = ImporterRegistry.standard().read(ovf);
        int pattern = 0x11;
        for (ImportedVm vm : plan.vms()) {
            for (SourceDisk sd : vm.disks()) {
                if (sd.file() != null && sd.file().startsWith(dir) && !Files.exists(sd.file())) {
                    ImportFixtures.image(sd.file(), "vmdk-stream", pattern++);
                }
            }
        }
        return ovf;
    }

    /** The OVA of a corpus OVF: descriptor first, SHA-256 manifest, then each disk. */
    private Path ovaOf(String corpusName) throws Exception {
        Path dir = tmp.resolve("src-" + Path.of(corpusName).getFileName());
        Path ovf = ovfWithDisks(corpusName, dir);
        Map<String, Path> members = new LinkedHashMap<>();
        members.put(ovf.getFileName().toString(), ovf);
        try (var s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.equals(ovf)).sorted().toList()) {
                members.put(dir.relativize(p).toString(), p);
            }
        }
        return ImportFixtures.ova(tmp.resolve(ovf.getFileName().toString().replace(".ovf", ".ova")), members, true);
    }

    @Test
    void everyCorpusOvfPackedAsAnOvaImportsWithItsDisksConvertedInPlace() throws Exception {
        List<String> ovfs = new ArrayList<>();
        for (Path p : ImportFixtures.corpusFiles()) {
            String rel = ImportFixtures.corpusRoot().relativize(p).toString();
            if (rel.endsWith(".ovf")) ovfs.add(rel);
        }
        assertThat(ovfs).hasSizeGreaterThan(15);
        int disks = 0;
        for (String name : ovfs) {
            Path ova = ovaOf(name);
            ImportPlan plan = ImporterRegistry.standard().read(ova);
            ImportResult result = service.run(service.prepare(plan, ImportOptions.defaults()), null, null);
            assertThat(result.created()).as(name).hasSize(plan.vms().size());
            for (int v = 0; v < result.created().size(); v++) {
                VmEntry e = result.created().get(v);
                ImportedVm source = plan.vms().get(v);
                assertThat(e.definition().disks()).as(name).hasSize(source.disks().size());
                for (int i = 0; i < source.disks().size(); i++) {
                    DiskSpec d = e.definition().disks().get(i);
                    Path copied = library.vmFolder(e.id()).resolve(d.path());
                    assertThat(d.format()).isEqualTo(DiskFormat.QCOW2);
                    assertThat(QemuImg.locate().info(copied).format()).isEqualTo("qcow2");
                    Path original = tmp.resolve("src-" + Path.of(name).getFileName()).resolve(source.disks().get(i).member().entryName());
                    assertThat(ImportFixtures.sameContent(original, copied)).as("%s disk %d holds the source's bytes", name, i + 1).isTrue();
                    disks++;
                }
            }
        }
        assertThat(disks).isGreaterThan(20);
        assertThat(library.list()).hasSizeGreaterThan(ovfs.size());
    }

    @Test
    void everyCorpusFileWhoseDisksCanBeMadePresentImportsAndTheOthersAreRefusedOrImportedWithoutThem() throws Exception {
        int imported = 0;
        int refusedArch = 0;
        int refusedMissing = 0;
        List<String> problems = new ArrayList<>();
        for (Path corpus : ImportFixtures.corpusFiles()) {
            String rel = ImportFixtures.corpusRoot().relativize(corpus).toString();
            Path dir = tmp.resolve("c" + imported + "_" + refusedArch + "_" + refusedMissing + "_" + problems.size() + "_" + rel.replace('/', '_'));
            Files.createDirectories(dir);
            Path copy = Files.copy(corpus, dir.resolve(corpus.getFileName()));
            ImportPlan plan;
            try {
                plan = ImporterRegistry.standard().read(copy);
            } catch (ImportException refusedByReader) {
                continue; // the readers' own refusals are CorpusImportTest's business
            }
            boolean allPresent = true;
            int pattern = 0x20;
            for (ImportedVm vm : plan.vms()) {
                for (SourceDisk sd : vm.disks()) {
                    if (sd.file() != null && sd.file().startsWith(dir) && !Files.exists(sd.file())) {
                        ImportFixtures.image(sd.file(), ImportFixtures.formatFor(sd), pattern++);
                    } else if (sd.file() == null || !Files.exists(sd.file())) {
                        allPresent = false;
                    }
                }
            }
            plan = ImporterRegistry.standard().read(copy);
            try {
                ImportPreview preview = service.prepare(plan, ImportOptions.defaults());
                ImportResult r = service.run(preview, null, null);
                assertThat(allPresent).as(rel + " imported though a disk is missing").isTrue();
                assertThat(r.created()).hasSize(plan.vms().size());
                for (VmEntry e : r.created()) {
                    for (DiskSpec d : e.definition().disks()) assertThat(library.vmFolder(e.id()).resolve(d.path())).isRegularFile();
                }
                imported++;
            } catch (ImportException e) {
                if (e.getMessage().contains("cannot run here")) {
                    refusedArch++;
                } else if (!allPresent && e.getMessage().contains("cannot be imported")) {
                    refusedMissing++;
                    ImportResult r = service.run(service.prepare(plan, new ImportOptions(null, true)), null, null);
                    assertThat(r.created()).as(rel).hasSize(plan.vms().size());
                    assertThat(r.warnings()).as(rel).anyMatch(w -> w.message().contains("dropped because its image is missing"));
                } else {
                    problems.add(rel + ": " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(imported).isGreaterThan(40);
        assertThat(refusedArch).isGreaterThanOrEqualTo(3);
        assertThat(refusedMissing).isGreaterThan(3);
    }

    @Test
    void aNameAlreadyInTheLibraryGetsASuffixAndAChosenNameIsUsed() throws Exception {
        Path ova = ovaOf("ovf/vmware-ovftool-4.0-ttylinux.ovf");
        String first = service.importFile(ova, ImportOptions.defaults(), null, null).created().getFirst().name();
        ImportResult second = service.importFile(ova, ImportOptions.defaults(), null, null);
        assertThat(second.created().getFirst().name()).isEqualTo(first + " (2)");
        assertThat(second.warnings()).anyMatch(w -> w.subject().equals("name") && w.message().contains(first + " (2)"));
        assertThat(service.importFile(ova, ImportOptions.defaults().withName("Tiny router"), null, null).created().getFirst().name())
                .isEqualTo("Tiny router");
        assertThat(library.list()).hasSize(3);
    }

    @Test
    void progressRisesToOneWithStepsAndBytes() throws Exception {
        Path ova = ovaOf("ovf/vmware-ovftool-4.1-win2008r2-two-disks.ovf");
        List<ImportProgress> seen = new ArrayList<>();
        ImportPreview preview = service.prepare(ImporterRegistry.standard().read(ova), ImportOptions.defaults());
        service.run(preview, seen::add, null);
        assertThat(seen).isNotEmpty();
        assertThat(seen).extracting(ImportProgress::fraction).isSorted();
        assertThat(seen.getLast().fraction()).isEqualTo(1.0);
        assertThat(seen.getLast().bytesDone()).isEqualTo(preview.bytesToRead()).isPositive();
        assertThat(seen).anyMatch(p -> p.step().startsWith("Converting disk 2 of 2"));
    }

    @Test
    void aTruncatedSecondDiskLeavesNoRowNoFolderNoDisk() throws Exception {
        Path dir = tmp.resolve("trunc");
        Path ovf = ovfWithDisks("ovf/vmware-ovftool-4.1-win2008r2-two-disks.ovf", dir);
        Path second = dir.resolve("disk2.vmdk");
        byte[] all = Files.readAllBytes(second);
        Files.write(second, java.util.Arrays.copyOf(all, 20000));
        ImportPlan plan = ImporterRegistry.standard().read(ovf);
        ImportPreview preview = service.prepare(plan, ImportOptions.defaults());
        assertThatThrownBy(() -> service.run(preview, null, null))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("disk2.vmdk");
        assertThat(library.list()).isEmpty();
        assertThat(ImportFixtures.filesUnder(library)).isEmpty();
    }

    @Test
    void aFailureInTheSecondVmRemovesTheFirstVmToo() throws Exception {
        Path good = ImportFixtures.image(tmp.resolve("good.qcow2"), "qcow2", 0x31);
        Path bad = ImportFixtures.image(tmp.resolve("bad.vmdk"), "vmdk-stream", 0x32);
        Files.write(bad, java.util.Arrays.copyOf(Files.readAllBytes(bad), 20000));
        ImportedVm one = new ImportedVmBuilder(good, "test").name("One").cpus(1).memoryMiB(256)
                .addDisk(good, DiskFormat.QCOW2, -1, DiskBus.VIRTIO, false).build();
        ImportedVm two = new ImportedVmBuilder(bad, "test").name("Two").cpus(1).memoryMiB(256)
                .addDisk(bad, DiskFormat.VMDK, -1, DiskBus.SATA, false).build();
        ImportPlan plan = new ImportPlan(tmp.resolve("pair"), "test", List.of(one, two), List.of(), List.of());
        assertThatThrownBy(() -> service.run(service.prepare(plan, ImportOptions.defaults()), null, null)).isInstanceOf(ImportException.class);
        assertThat(library.list()).isEmpty();
        assertThat(ImportFixtures.filesUnder(library)).isEmpty();
    }

    @Test
    void cancellingLeavesNothingBehind() throws Exception {
        Path ova = ovaOf("ovf/vmware-ovftool-4.1-win2008r2-two-disks.ovf");
        CancellationToken cancel = new CancellationToken();
        ImportPreview preview = service.prepare(ImporterRegistry.standard().read(ova), ImportOptions.defaults());
        assertThatThrownBy(() -> service.run(preview, p -> { if (p.step().contains("disk 2")) cancel.cancel(); }, cancel))
                .isInstanceOf(CancellationException.class);
        assertThat(library.list()).isEmpty();
        assertThat(ImportFixtures.filesUnder(library)).isEmpty();
    }

    @Test
    void aMissingDiskIsRefusedByDefaultNamingIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("missing"));
        Path ovf = Files.copy(ImportFixtures.corpusRoot().resolve("ovf/vmware-ovftool-4.0-ttylinux.ovf"), dir.resolve("t.ovf"));
        ImportPlan plan = ImporterRegistry.standard().read(ovf);
        assertThatThrownBy(() -> service.prepare(plan, ImportOptions.defaults()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("ttylinux-pc_i486-16.1-disk1.vmdk")
                .hasMessageContaining("was not found");
        assertThat(library.list()).isEmpty();
    }

    @Test
    void anArmGuestIsRefusedWithTheReason() throws Exception {
        ImportPlan plan = ImporterRegistry.standard().read(ImportFixtures.corpusRoot().resolve("libvirt/virt-install-aarch64-win11-efi-tpm.xml"));
        assertThatThrownBy(() -> service.prepare(plan, new ImportOptions(null, true)))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("aarch64 guest")
                .hasMessageContaining("cannot run here");
    }

    @Test
    void anInstallerIsoPrefillsTheWizardInsteadOfImporting() throws Exception {
        Path iso = tmp.resolve("debian-12.iso");
        byte[] img = new byte[0x8000 + 4096];
        img[0x8000] = 1;
        System.arraycopy("CD001".getBytes(), 0, img, 0x8001, 5);
        byte[] label = String.format("%-32s", "DEBIAN_12_AMD64").getBytes();
        System.arraycopy(label, 0, img, 0x8000 + 40, 32);
        Files.write(iso, img);
        ImportPlan plan = ImporterRegistry.standard().read(iso);
        assertThat(ImportService.isInstallerIso(plan)).isTrue();
        assertThat(ImportService.wizardDefinition(plan).cdroms().getFirst().isoPath()).isEqualTo(iso.toAbsolutePath().toString());
        assertThat(ImportService.wizardDefinition(plan).osType()).isEqualTo("debian");
        assertThat(ImportService.wizardDefinition(plan).bootOrder().getFirst()).isEqualTo(BootDevice.CDROM);
        assertThatThrownBy(() -> service.prepare(plan, ImportOptions.defaults())).hasMessageContaining("New VM wizard");
    }

    @Test
    void aParallelsImageIsReadWithTheParallelsDriver() throws Exception {
        Path hdd = ImportFixtures.image(tmp.resolve("mac.hdd"), "parallels", 0x44);
        ImportedVm vm = new ImportedVmBuilder(hdd, "test").name("Parallels disk").cpus(1).memoryMiB(256)
                .addDisk(hdd, DiskFormat.RAW, -1, DiskBus.SATA, false).build();
        ImportResult r = service.run(service.prepare(ImportPlan.of(hdd, "test", vm), ImportOptions.defaults()), null, null);
        VmEntry e = r.created().getFirst();
        Path copied = library.vmFolder(e.id()).resolve(e.definition().disks().getFirst().path());
        assertThat(ImportFixtures.sameContent(hdd, copied)).isTrue();
        assertThat(QemuImg.locate().info(copied).virtualSize()).isEqualTo(4L * 1024 * 1024);
    }
}
