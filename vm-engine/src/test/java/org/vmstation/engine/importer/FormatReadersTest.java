package org.vmstation.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.importer.image.IsoImporter;
import org.vmstation.engine.importer.vmware.VmxFile;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.Firmware;

/** Small readers on crafted input: vmx escapes, VMDK descriptors, bare images by magic, ISO labels, OS table. */
class FormatReadersTest {
    @TempDir Path dir;

    @Test
    void vmxQuotingEscapesCrlfShebangAndMixedCase() throws Exception {
        String text = "#!/usr/bin/vmware\r\n.encoding = \"UTF-8\"\r\n\r\nDisplayName = \"say |22hi|22 |7C ok\"\r\nMEMSIZE = 512\r\n"
                + "annotation = \"line1|0Aline2\"\r\n# comment\r\nguestOS = \"ubuntu-64\"\r\n";
        VmxFile vmx = VmxFile.parse(dir.resolve("x.vmx"), text.getBytes(StandardCharsets.UTF_8));
        assertThat(vmx.get("displayName")).isEqualTo("say \"hi\" | ok");
        assertThat(vmx.number("memsize", 0)).isEqualTo(512);
        assertThat(vmx.get("annotation")).isEqualTo("line1\nline2");
        assertThatThrownBy(() -> VmxFile.parse(dir.resolve("bin.vmx"), new byte[] {'k', 'e', 'y', 0, '=', '1'}))
                .isInstanceOf(ImportException.class).hasMessageContaining("NUL bytes");
    }

    @Test
    void vmxWithSplitSparseDescriptorReadsExtents() throws Exception {
        Path vmdk = TestImages.qemuImg(dir, "disk.vmdk", "vmdk", "8M");
        // a split (twoGbMaxExtentSparse) descriptor made by qemu-img, as Workstation writes them
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "vmdk", "-o", "subformat=twoGbMaxExtentSparse",
                dir.resolve("split.vmdk").toString(), "5G").redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        Files.writeString(dir.resolve("vm.vmx"), """
                .encoding = "UTF-8"
                config.version = "8"
                virtualHW.version = "19"
                displayName = "Split"
                memsize = "1024"
                numvcpus = "2"
                guestOS = "debian11-64"
                scsi0.present = "TRUE"
                scsi0.virtualDev = "pvscsi"
                scsi0:0.present = "TRUE"
                scsi0:0.fileName = "split.vmdk"
                sata0.present = "TRUE"
                sata0:1.present = "TRUE"
                sata0:1.fileName = "disk.vmdk"
                ethernet0.present = "TRUE"
                ethernet0.virtualDev = "e1000e"
                ethernet0.addressType = "static"
                ethernet0.address = "00:50:56:01:02:03"
                """);
        ImportPlan plan = ImporterRegistry.standard().read(dir.resolve("vm.vmx"));
        ImportedVm vm = plan.vms().getFirst();
        assertThat(vm.definition().osType()).isEqualTo("debian");
        SourceDisk split = vm.disks().getFirst();
        assertThat(split.present()).isTrue();
        assertThat(split.formatDetail()).isEqualTo("twoGbMaxExtentSparse");
        assertThat(split.capacityBytes()).isEqualTo(5L << 30);
        assertThat(split.extents()).hasSize(3).allMatch(Files::isRegularFile);
        SourceDisk sparse = vm.disks().get(1);
        assertThat(sparse.format()).isEqualTo(DiskFormat.VMDK);
        assertThat(sparse.capacityBytes()).isEqualTo(8L << 20);
        assertThat(vm.definition().disks()).extracting(d -> d.bus()).containsExactly(DiskBus.SCSI, DiskBus.SATA);
        assertThat(vm.definition().network().macAddress()).isEqualTo("00:50:56:01:02:03");
    }

    @Test
    void bareImagesAreRecognisedByMagicNotName() throws Exception {
        record Case(String format, DiskFormat expected) {}
        for (Case c : List.of(new Case("qcow2", DiskFormat.QCOW2), new Case("vmdk", DiskFormat.VMDK), new Case("vdi", DiskFormat.VDI),
                new Case("vpc", DiskFormat.VPC), new Case("vhdx", DiskFormat.VHDX), new Case("raw", DiskFormat.RAW))) {
            // misleading extension on purpose, except raw (which has no magic and needs one)
            Path img = TestImages.qemuImg(dir, "ubuntu-" + c.format() + (c.format().equals("raw") ? ".img" : ".disk"), c.format(), "4M");
            ImporterRegistry reg = ImporterRegistry.standard();
            assertThat(reg.find(img)).as(c.format()).get().extracting(VmImporter::formatName).isEqualTo("disk image");
            ImportedVm vm = reg.read(img).vms().getFirst();
            assertThat(vm.disks().getFirst().format()).as(c.format()).isEqualTo(c.expected());
            assertThat(vm.definition().osType()).isEqualTo("ubuntu");
            if (c.expected() != DiskFormat.VHDX) assertThat(vm.disks().getFirst().capacityBytes()).as(c.format()).isGreaterThanOrEqualTo(4L << 20);
        }
    }

    @Test
    void isoLabelGuessesTheOs() throws Exception {
        record Case(String label, String os) {}
        for (Case c : List.of(new Case("Debian 12.5.0 amd64 n", "debian"), new Case("Ubuntu 24.04 LTS amd64", "ubuntu"),
                new Case("Fedora-WS-Live-40-1-14", "fedora"), new Case("CCCOMA_X64FRE_EN-US_DV9", "windows10"),
                new Case("Win11_23H2_English_x64", "windows11"), new Case("SSS_X64FREE_EN-US_DV9", "windows-server-2022"))) {
            Path iso = TestImages.iso(dir.resolve("install.iso"), c.label());
            assertThat(IsoImporter.volumeLabel(iso)).isEqualTo(c.label());
            ImportedVm vm = ImporterRegistry.standard().read(iso).vms().getFirst();
            assertThat(vm.definition().osType()).as(c.label()).isEqualTo(c.os());
            assertThat(vm.definition().cdroms()).singleElement().satisfies(cd -> assertThat(cd.isoPath()).isEqualTo(iso.toString()));
            assertThat(vm.definition().bootOrder().getFirst()).isEqualTo(BootDevice.CDROM);
            if (c.os().equals("windows11")) assertThat(vm.definition().firmware()).isEqualTo(Firmware.UEFI);
        }
    }

    @Test
    void osMappingTable() {
        assertThat(OsMapping.fromVmwareGuestOs("windows9_64Guest")).isEqualTo("windows10");
        assertThat(OsMapping.fromVmwareGuestOs("windows2019srvNext-64")).isEqualTo("windows-server-2022");
        assertThat(OsMapping.fromVmwareGuestOs("windows7Server64Guest")).isEqualTo("windows-server-2008");
        assertThat(OsMapping.fromVmwareGuestOs("centos7-64")).isEqualTo("centos");
        assertThat(OsMapping.fromVmwareGuestOs("other5xLinux64Guest")).isEqualTo("linux");
        assertThat(OsMapping.fromVirtualBoxOsType("Windows11_64")).isEqualTo("windows11");
        assertThat(OsMapping.fromVirtualBoxOsType("ArchLinux_64")).isEqualTo("arch");
        assertThat(OsMapping.fromVirtualBoxOsType("OpenSUSE_64")).isEqualTo("opensuse");
        assertThat(OsMapping.fromLibosinfo("http://microsoft.com/win/2k19")).isEqualTo("windows-server-2019");
        assertThat(OsMapping.fromLibosinfo("http://debian.org/debian/12")).isEqualTo("debian");
        assertThat(OsMapping.fromCimId(94)).isEqualTo("ubuntu");
        assertThat(OsMapping.fromCimId(1)).isEqualTo("other");
        assertThat(OsMapping.fromText("FreeBSD-14.0-RELEASE-amd64-disc1")).isEqualTo("freebsd");
    }

    @Test
    void emptyFileIsNotADiskImage() throws Exception {
        Path empty = Files.write(dir.resolve("empty.img"), new byte[0]);
        assertThatThrownBy(() -> ImporterRegistry.standard().read(empty)).isInstanceOf(ImportException.class)
                .hasMessageContaining("empty.img");
    }
}
