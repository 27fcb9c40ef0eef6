package org.vmstation.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.importer.ovf.OvfImporter;
import org.vmstation.engine.model.DiskFormat;

/** OVAs built here from real corpus descriptors and real qemu-img images: tar dialects, manifests, hostile members. */
class OvaImportTest {
    @TempDir Path dir;

    private static final String TTY_OVF = "ttylinux-pc_i486-16.1.ovf";
    private static final String TTY_DISK = "ttylinux-pc_i486-16.1-disk1.vmdk";

    private Map<String, byte[]> ttylinuxPackage(String algo) throws Exception {
        byte[] ovf = Files.readAllBytes(Corpus.file("ovf/vmware-ovftool-4.0-ttylinux.ovf"));
        byte[] disk = Files.readAllBytes(TestImages.qemuImg(dir, "tiny.qcow2", "qcow2", "1M"));
        String tag = algo.equals("SHA-1") ? "SHA1" : "SHA256";
        String mf = tag + "(" + TTY_OVF + ")= " + TestImages.sha(algo, ovf) + "\n" + tag + " (" + TTY_DISK + ") = " + TestImages.sha(algo, disk) + "\n";
        Map<String, byte[]> m = TestImages.members();
        m.put(TTY_OVF, ovf);
        m.put("ttylinux-pc_i486-16.1.mf", mf.getBytes(StandardCharsets.US_ASCII));
        m.put(TTY_DISK, disk);
        return m;
    }

    @Test
    void ovaWithSha256ManifestAndRealQcow2IsReadInPlace() throws Exception {
        Path ova = TestImages.tar(dir.resolve("tty.ova"), TarArchiveOutputStream.LONGFILE_ERROR, ttylinuxPackage("SHA-256"));
        ImportPlan plan = ImporterRegistry.standard().read(ova);
        assertThat(plan.format()).startsWith("OVA: OVF 1.x");
        assertThat(plan.verifiedFiles()).containsExactlyInAnyOrder(TTY_OVF, TTY_DISK);
        ImportedVm vm = plan.vms().getFirst();
        SourceDisk disk = vm.disks().getFirst();
        assertThat(disk.file()).isNull();
        assertThat(disk.member()).isNotNull();
        assertThat(disk.present()).isTrue();
        assertThat(disk.format()).as("magic bytes win over the declared vmdk").isEqualTo(DiskFormat.QCOW2);
        assertThat(disk.capacityBytes()).as("OVF capacity 30 × 2^20").isEqualTo(30L << 20);
        assertThat(vm.definition().disks().getFirst().path()).isEqualTo(ova + "!/" + TTY_DISK);
        // the member's offset really points at the image inside the tar: what the import service will stream from
        try (InputStream in = Files.newInputStream(ova)) {
            in.skipNBytes(disk.member().dataOffset());
            assertThat(new String(in.readNBytes(4), StandardCharsets.ISO_8859_1)).isEqualTo("QFI\u00fb");
        }
        assertThat(disk.member().size()).isEqualTo(Files.size(dir.resolve("tiny.qcow2")));
    }

    @Test
    void sha1CompactManifestFromGanetiVerifiesTheRealDescriptor() throws Exception {
        Map<String, byte[]> m = TestImages.members();
        m.put("ganeti.ovf", Files.readAllBytes(Corpus.file("ovf/ganeti-export-xen-pvm.ovf")));
        m.put("ganeti.mf", Files.readAllBytes(Corpus.file("ovf/ganeti-export.mf")));
        ImportPlan plan = ImporterRegistry.standard().read(TestImages.tar(dir.resolve("g.ova"), TarArchiveOutputStream.LONGFILE_ERROR, m));
        assertThat(plan.verifiedFiles()).containsExactly("ganeti.ovf");
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w.message()).contains("new_disk.vmdk").contains("not in the archive"));
        assertThat(plan.vms().getFirst().disks().getFirst().present()).isFalse();
    }

    @Test
    void tamperedManifestIsRefusedUnlessAccepted() throws Exception {
        Map<String, byte[]> m = ttylinuxPackage("SHA-1");
        byte[] disk = m.get(TTY_DISK).clone();
        disk[disk.length - 1] ^= 0x55;
        m.put(TTY_DISK, disk);
        Path ova = TestImages.tar(dir.resolve("bad.ova"), TarArchiveOutputStream.LONGFILE_ERROR, m);
        assertThatThrownBy(() -> ImporterRegistry.standard().read(ova))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("bad.ova!/ttylinux-pc_i486-16.1.mf")
                .hasMessageContaining("'" + TTY_DISK + "' does not match its SHA-1 digest");
        ImportPlan accepted = new OvfImporter(true).read(ova);
        assertThat(accepted.warnings()).anySatisfy(w -> assertThat(w.message()).contains("does not match"));
        assertThat(accepted.verifiedFiles()).containsExactly(TTY_OVF);
    }

    @Test
    void paxAndGnuLongNamesAreRead() throws Exception {
        String longDisk = "a-very-long-directory-name-that-does-not-fit-in-ustar/" + "x".repeat(120) + ".vmdk";
        String ovf = Files.readString(Corpus.file("ovf/vmware-ovftool-4.0-ttylinux.ovf")).replace(TTY_DISK, longDisk);
        byte[] disk = Files.readAllBytes(TestImages.qemuImg(dir, "d.vmdk", "vmdk", "2M"));
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.LONGFILE_GNU}) {
            Map<String, byte[]> m = TestImages.members();
            m.put("long.ovf", ovf.getBytes(StandardCharsets.UTF_8));
            m.put(longDisk, disk);
            Path ova = TestImages.tar(dir.resolve("long" + mode + ".ova"), mode, m);
            SourceDisk sd = ImporterRegistry.standard().read(ova).vms().getFirst().disks().getFirst();
            assertThat(sd.present()).as("mode %d", mode).isTrue();
            assertThat(sd.member().entryName()).isEqualTo(longDisk);
            assertThat(sd.format()).isEqualTo(DiskFormat.VMDK);
            assertThat(sd.formatDetail()).isEqualTo("monolithicSparse");
        }
    }

    @Test
    void tarSlipAbsoluteAndLinkMembersAreRefused() throws Exception {
        byte[] ovf = Files.readAllBytes(Corpus.file("ovf/vmware-ovftool-4.0-ttylinux.ovf"));
        Map<String, byte[]> slip = TestImages.members();
        slip.put("vm.ovf", ovf);
        slip.put("../../etc/passwd", "root:x:0:0".getBytes(StandardCharsets.US_ASCII));
        Path slipOva = TestImages.tar(dir.resolve("slip.ova"), TarArchiveOutputStream.LONGFILE_ERROR, slip);
        assertThatThrownBy(() -> ImporterRegistry.standard().read(slipOva)).isInstanceOf(ImportException.class)
                .hasMessageContaining("slip.ova").hasMessageContaining("'../../etc/passwd' climbs out of the archive");
        Map<String, byte[]> abs = TestImages.members();
        abs.put("vm.ovf", ovf);
        abs.put("/etc/cron.d/evil", new byte[1]);
        Path absOva = TestImages.tar(dir.resolve("abs.ova"), TarArchiveOutputStream.LONGFILE_ERROR, abs);
        assertThatThrownBy(() -> ImporterRegistry.standard().read(absOva)).isInstanceOf(ImportException.class)
                .hasMessageContaining("absolute path");
        Path linkOva = dir.resolve("link.ova");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(linkOva))) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("vm.ovf");
            e.setSize(ovf.length);
            out.putArchiveEntry(e);
            out.write(ovf);
            out.closeArchiveEntry();
            var link = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(TTY_DISK,
                    org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
            link.setLinkName("/dev/sda");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
        }
        assertThatThrownBy(() -> ImporterRegistry.standard().read(linkOva)).isInstanceOf(ImportException.class)
                .hasMessageContaining("is a link (to '/dev/sda')");
    }

    @Test
    void truncatedArchiveIsRefused() throws Exception {
        Path ova = TestImages.tar(dir.resolve("whole.ova"), TarArchiveOutputStream.LONGFILE_ERROR, ttylinuxPackage("SHA-256"));
        byte[] all = Files.readAllBytes(ova);
        Path cut = Files.write(dir.resolve("cut.ova"), Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> ImporterRegistry.standard().read(cut)).isInstanceOf(ImportException.class)
                .hasMessageContaining("cut.ova");
    }

    @Test
    void headerClaimingGigabytesInASmallFileIsRefused() throws Exception {
        Map<String, byte[]> m = TestImages.members();
        m.put("vm.ovf", Files.readAllBytes(Corpus.file("ovf/vmware-ovftool-4.0-ttylinux.ovf")));
        Path ova = TestImages.tar(dir.resolve("huge.ova"), TarArchiveOutputStream.LONGFILE_ERROR, m);
        byte[] b = Files.readAllBytes(ova);
        // rewrite the first header's size field to 10 GiB (octal) and fix its checksum
        byte[] size = String.format("%011o\0", 10L << 30).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, b, 124, 12);
        Arrays.fill(b, 148, 156, (byte) ' ');
        long sum = 0;
        for (int i = 0; i < 512; i++) sum += b[i] & 0xff;
        byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, b, 148, 8);
        Path bad = Files.write(dir.resolve("huge.ova"), b);
        assertThatThrownBy(() -> ImporterRegistry.standard().read(bad)).isInstanceOf(ImportException.class)
                .hasMessageContaining("huge.ova");
    }

    @Test
    void folderPackageManifestVerifiesAndATamperedOneFails() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("pkg"));
        Files.copy(Corpus.file("ovf/vmware-ovftool-4.0-ttylinux.ovf"), pkg.resolve(TTY_OVF));
        Files.copy(Corpus.file("ovf/vmware-ovftool-4.0-ttylinux.mf"), pkg.resolve("ttylinux-pc_i486-16.1.mf"));
        ImportPlan plan = ImporterRegistry.standard().read(pkg.resolve(TTY_OVF));
        assertThat(plan.verifiedFiles()).as("ovftool's own SHA1 line for the descriptor").containsExactly(TTY_OVF);
        Files.writeString(pkg.resolve(TTY_OVF), Files.readString(pkg.resolve(TTY_OVF)).replace("<Name>ttylinux", "<Name>evil"));
        assertThatThrownBy(() -> ImporterRegistry.standard().read(pkg.resolve(TTY_OVF))).isInstanceOf(ImportException.class)
                .hasMessageContaining("'" + TTY_OVF + "' does not match its SHA-1 digest");
    }

    @Test
    void hrefOutsideTheFolderIsNotFollowed() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("p2"));
        String ovf = Files.readString(Corpus.file("ovf/vmware-ovftool-4.0-ttylinux.ovf")).replace(TTY_DISK, "../../etc/shadow");
        Files.writeString(pkg.resolve("vm.ovf"), ovf);
        ImportedVm vm = ImporterRegistry.standard().read(pkg.resolve("vm.ovf")).vms().getFirst();
        assertThat(vm.disks()).isEmpty();
        assertThat(vm.warnings()).anySatisfy(w -> assertThat(w.message()).contains("../../etc/shadow").contains("outside the package folder"));
    }
}
