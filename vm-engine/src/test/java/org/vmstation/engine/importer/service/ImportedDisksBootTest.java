package org.vmstation.engine.importer.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.guest.TestGuestDisk;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImporterRegistry;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.storage.QemuImg;

/**
 * Real machines made elsewhere, with a real disk: a corpus descriptor written by VirtualBox or VMware around the
 * demo guest's bootable disk in the format that tool writes, imported by VMStation and booted to the ready marker.
 */
@Tag("guest")
class ImportedDisksBootTest {
    @TempDir static Path tmp;
    static VmLibrary library;
    static ImportService service;
    static ImportedGuestBoots boots;

    @BeforeAll
    static void open() throws Exception {
        TestGuestDisk.disk();
        library = VmLibrary.open(tmp.resolve("lib/library.db"));
        service = new ImportService(library, QemuImg.locate());
        boots = new ImportedGuestBoots(library);
    }

    @AfterAll
    static void close() throws Exception {
        boots.close();
        library.close();
    }

    @Test
    void anOvaOfARealVirtualBoxDescriptorWithAStreamOptimizedGuestDiskImportsAndBoots() throws Exception {
        // VirtualBox 4.2's own export (with its embedded vbox:Machine), unchanged; only the disk is ours.
        Path src = Files.createDirectories(tmp.resolve("vbox-ova"));
        Path ovf = Files.copy(ImportFixtures.corpusRoot().resolve("ovf/virtualbox-4.2-centos64-with-vbox-machine.ovf"),
                src.resolve("CentOS-6.4-i386-Gnome.ovf"));
        Path vmdk = TestGuestDisk.convertedTo(src.resolve("CentOS-6.4-i386-Gnome-disk1.vmdk"), "vmdk", "subformat=streamOptimized");
        Map<String, Path> members = new LinkedHashMap<>();
        members.put(ovf.getFileName().toString(), ovf);
        members.put(vmdk.getFileName().toString(), vmdk);
        Path ova = ImportFixtures.ova(tmp.resolve("CentOS-6.4-i386-Gnome.ova"), members, true);

        ImportPlan plan = ImporterRegistry.standard().read(ova);
        assertThat(plan.verifiedFiles()).as("the recomputed SHA-256 manifest is checked")
                .contains(ovf.getFileName().toString(), vmdk.getFileName().toString());
        VmEntry vm = service.run(service.prepare(plan, ImportOptions.defaults()), null, null).created().getFirst();

        assertThat(vm.name()).isEqualTo("CentOS-6.4-i386-Gnome");
        assertThat(vm.definition().memoryMiB()).isEqualTo(512);
        assertThat(vm.definition().disks()).extracting(DiskSpec::format).containsExactly(DiskFormat.QCOW2);
        Path disk = library.vmFolder(vm.id()).resolve(vm.definition().disks().getFirst().path());
        assertThat(ImportFixtures.sameContent(TestGuestDisk.disk().image(), disk)).as("the imported disk holds the guest's bytes").isTrue();

        List<String> partitions = boots.bootToReadyMarker(vm.definition());
        assertThat(partitions).as("the guest sees its boot disk and partition").anyMatch(line -> line.matches(".* [sv]da1"));
    }

    @Test
    void aVmxWithASplitSparseGuestDiskImportsAndBoots() throws Exception {
        // A real Workstation .vmx (lsilogic SCSI disk "fedora.vmdk"), with the guest as a split sparse disk: grown to
        // 4.5 GiB so that twoGbMaxExtentSparse really splits it into three extent files next to the descriptor.
        Path src = Files.createDirectories(tmp.resolve("vmx"));
        Path vmx = Files.copy(ImportFixtures.corpusRoot().resolve("vmx/workstation-minimal-test1.vmx"), src.resolve("fedora.vmx"));
        Path grown = TestGuestDisk.convertedTo(tmp.resolve("grown.qcow2"), "qcow2", null);
        ImportFixtures.run("qemu-img", "resize", "-q", grown.toString(), "4608M");
        ImportFixtures.run("qemu-img", "convert", "-f", "qcow2", "-O", "vmdk", "-o", "subformat=twoGbMaxExtentSparse",
                grown.toString(), src.resolve("fedora.vmdk").toString());
        try (Stream<Path> files = Files.list(src)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.matches("fedora-s\\d+\\.vmdk")).toList())
                    .as("split extents").hasSize(3);
        }

        VmEntry vm = service.importFile(vmx, ImportOptions.defaults(), null, null).created().getFirst();

        assertThat(vm.name()).isEqualTo("fedora");
        assertThat(vm.definition().disks()).extracting(DiskSpec::bus).containsExactly(DiskBus.SCSI);
        Path disk = library.vmFolder(vm.id()).resolve(vm.definition().disks().getFirst().path());
        assertThat(QemuImg.locate().info(disk).virtualSize()).isEqualTo(4608L * 1024 * 1024);
        assertThat(ImportFixtures.sameContent(grown, disk)).as("all three extents were read").isTrue();

        List<String> partitions = boots.bootToReadyMarker(vm.definition());
        assertThat(partitions).as("the guest sees its SCSI boot disk and partition").anyMatch(line -> line.endsWith(" sda1"));
    }
}
