package org.vmstation.engine.osinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The real osinfo-db of this machine (package osinfo-db, a run-time dependency installed by setup-deps). */
class OsInfoDatabaseTest {
    static final Path OSINFO = Path.of("/usr/share/osinfo");
    static OsInfoDatabase db;
    @TempDir Path dir;

    @BeforeAll
    static void load() throws Exception {
        assertThat(OSINFO.resolve("os")).as("osinfo-db is installed (scripts/setup-deps.sh)").isDirectory();
        db = OsInfoDatabase.load(OSINFO);
    }

    @Test
    void everyInstalledFileIsRead() throws Exception {
        long files;
        try (var s = Files.walk(OSINFO.resolve("os"), 2)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".xml") && p.getParent().getParent().equals(OSINFO.resolve("os"))).count();
        }
        assertThat(db.problems()).isEmpty();
        assertThat(db.all()).hasSize((int) files).hasSizeGreaterThan(500);
        assertThat(OsInfoDatabase.locate()).contains(OSINFO);
        assertThat(OsInfoDatabase.system().all()).hasSameSizeAs(db.all());
    }

    @Test
    void debian11MatchesItsXml() throws Exception {
        OsInfoEntry d = db.byShortId("debian11").orElseThrow();
        assertThat(d.id()).isEqualTo("http://debian.org/debian/11");
        assertThat(d.name()).isEqualTo("Debian 11");
        assertThat(d.vendor()).isEqualTo("Debian Project");
        assertThat(d.family()).isEqualTo("linux");
        assertThat(d.distro()).isEqualTo("debian");
        assertThat(d.shortIds()).contains("debianbullseye");
        assertThat(d.derivesFrom()).isEqualTo("http://debian.org/debian/10");
        assertThat(d.releaseDate()).isEqualTo(LocalDate.parse(xpath(d.source(), "/libosinfo/os/release-date")));
        assertThat(d.recommended().ramBytes()).isEqualTo(Long.parseLong(xpath(d.source(), "/libosinfo/os/resources[@arch='all']/recommended/ram")));
        assertThat(d.recommended().storageBytes()).isEqualTo(Long.parseLong(xpath(d.source(), "/libosinfo/os/resources[@arch='all']/recommended/storage")));
        assertThat(d.minimum().cpus()).isEqualTo(Integer.parseInt(xpath(d.source(), "/libosinfo/os/resources[@arch='all']/minimum/n-cpus")));
        // Debian 11 lists only virtio 1.0 GPU and FS itself; block and net drivers come from Debian 10 and older
        assertThat(d.supportsVirtioDisk()).isTrue();
        assertThat(d.supportsVirtioNet()).isTrue();
        assertThat(d.media()).anySatisfy(m -> assertThat(m.volumeId().pattern()).contains("amd64"));
        assertThat(d.media()).allSatisfy(m -> assertThat(m.volumeId().pattern()).doesNotContain("i386").doesNotContain("arm64"));
    }

    @Test
    void windows11NeedsUefiAndItsOwnMinimum() throws Exception {
        OsInfoEntry w = db.byShortId("win11").orElseThrow();
        assertThat(w.family()).isEqualTo("winnt");
        assertThat(w.minimum().ramBytes()).isEqualTo(Long.parseLong(xpath(w.source(), "/libosinfo/os/resources[@arch='x86_64']/minimum/ram")));
        assertThat(w.minimum().cpus()).isEqualTo(Integer.parseInt(xpath(w.source(), "/libosinfo/os/resources[@arch='x86_64']/minimum/n-cpus")));
        assertThat(w.minimum().storageBytes()).isEqualTo(Long.parseLong(xpath(w.source(), "/libosinfo/os/resources[@arch='x86_64']/minimum/storage")));
        assertThat(w.efi()).isTrue();
        assertThat(w.biosSupported()).isFalse();
        // the recommendation inherited from Windows 10 is below Windows 11's own minimum: defaults never go under it
        assertThat(w.defaults().ramBytes()).isEqualTo(w.minimum().ramBytes());
        assertThat(w.defaults().storageBytes()).isGreaterThanOrEqualTo(w.minimum().storageBytes());
        assertThat(w.supportsVirtioDisk()).as("Windows has no in-box virtio drivers").isFalse();
        assertThat(w.supportsE1000e()).isTrue();
    }

    @Test
    void fedoraRecommendationsMatchTheXml() throws Exception {
        OsInfoEntry f = db.search("fedora linux").stream().filter(e -> !e.isPrerelease() && e.distro().equals("fedora")).findFirst().orElseThrow();
        Path xml = f.source();
        String own = xpath(xml, "/libosinfo/os/resources[@arch='all']/recommended/ram");
        if (own.isEmpty()) own = xpath(db.byId(f.derivesFrom()).orElseThrow().source(), "/libosinfo/os/resources[@arch='all']/recommended/ram");
        assertThat(f.recommended().ramBytes()).isEqualTo(Long.parseLong(own));
        assertThat(f.efi()).isTrue();
    }

    @Test
    void searchFindsByNameShortIdAndVendorNewestFirst() {
        assertThat(db.search("debian")).extracting(OsInfoEntry::shortId).startsWith("debian11", "debian10", "debian9");
        assertThat(db.search("win11")).extracting(OsInfoEntry::shortId).containsExactly("win11");
        assertThat(db.search("microsoft windows 11")).extracting(OsInfoEntry::shortId).contains("win11");
        assertThat(db.search("Debian Project")).allSatisfy(e -> assertThat(e.vendor()).isEqualTo("Debian Project"));
        assertThat(db.search("no-such-os-anywhere")).isEmpty();
    }

    @Test
    void realIsoIsDetectedFromItsVolumeId() throws Exception {
        Path iso = IsoImages.make(dir, "debian-netinst.iso", "Debian 11.5.0 amd64 n", null);
        IsoVolumeDescriptor pvd = IsoVolumeDescriptor.read(iso);
        assertThat(pvd.volumeId()).isEqualTo("Debian 11.5.0 amd64 n");
        assertThat(pvd.systemId()).isEqualTo("LINUX");
        IsoMatch m = db.detectFromIso(iso).orElseThrow();
        assertThat(m.exact()).isTrue();
        assertThat(m.os().shortId()).isEqualTo("debian11");
        assertThat(m.describe()).isEqualTo("Detected Debian 11 from the ISO's volume id 'Debian 11.5.0 amd64 n'");
    }

    @Test
    void windowsIsoNeedsItsPublisherAndPicksTheNewest() throws Exception {
        Path iso = IsoImages.make(dir, "win.iso", "CCCOMA_X64FRE_EN-US_DV9", "MICROSOFT CORPORATION");
        IsoMatch m = db.detectFromIso(iso).orElseThrow();
        assertThat(m.os().shortId()).isEqualTo("win11");
        assertThat(IsoVolumeDescriptor.read(iso).publisherId()).isEqualTo("MICROSOFT CORPORATION");
        Path unpublished = IsoImages.make(dir, "nopub.iso", "CCCOMA_X64FRE_EN-US_DV9", "SOMEONE ELSE");
        assertThat(db.detectFromIso(unpublished)).isEmpty();
    }

    @Test
    void releaseNewerThanTheDatabaseIsAGuessSaidAsSuch() throws Exception {
        Path iso = IsoImages.make(dir, "debian-99.iso", "Debian 99.5.0 amd64 n", null);
        IsoMatch m = db.detectFromIso(iso).orElseThrow();
        assertThat(m.exact()).isFalse();
        assertThat(m.os().distro()).isEqualTo("debian");
        assertThat(m.describe()).contains("No release in the osinfo database matches the ISO's volume id 'Debian 99.5.0 amd64 n'")
                .contains("guessed " + m.os().name());
        Path unknown = IsoImages.make(dir, "data.iso", "MY_BACKUP_2024", null);
        assertThat(db.detectFromIso(unknown)).isEmpty();
    }

    @Test
    void theIsoImporterAsksTheDatabaseFirst() throws Exception {
        // the text rules alone take "CCCOMA" for Windows 10; the volume and publisher ids say Windows 11
        Path iso = IsoImages.make(dir, "install.iso", "CCCOMA_X64FRE_EN-US_DV9", "MICROSOFT CORPORATION");
        var vm = org.vmstation.engine.importer.ImporterRegistry.standard().read(iso).vms().getFirst();
        assertThat(vm.definition().osType()).isEqualTo("windows11");
        assertThat(vm.warnings()).anySatisfy(w -> assertThat(w.toString()).contains("Detected Microsoft Windows 11").contains("win11"));
        Path unknown = IsoImages.make(dir, "debian-13.iso", "Debian 13.1.0 amd64 n", null);
        assertThat(OsInfoDatabase.detectInstalled(unknown)).as("guesses are left to the importer's own rules").isEmpty();
        assertThat(org.vmstation.engine.importer.ImporterRegistry.standard().read(unknown).vms().getFirst().definition().osType()).isEqualTo("debian");
    }

    @Test
    void notAnIsoIsRefusedClearly() throws Exception {
        Path small = Files.writeString(dir.resolve("small.iso"), "hello");
        assertThatThrownBy(() -> db.detectFromIso(small)).isInstanceOf(OsInfoException.class)
                .hasMessageContaining("small.iso").hasMessageContaining("is not an ISO 9660 image").hasMessageContaining("too small");
        Path zeros = dir.resolve("zeros.img");
        Files.write(zeros, new byte[64 * 1024]);
        assertThatThrownBy(() -> IsoVolumeDescriptor.read(zeros)).isInstanceOf(OsInfoException.class)
                .hasMessageContaining("zeros.img").hasMessageContaining("lacks the 'CD001' signature");
        assertThatThrownBy(() -> IsoVolumeDescriptor.read(dir.resolve("missing.iso"))).isInstanceOf(OsInfoException.class)
                .hasMessageContaining("missing.iso").hasMessageContaining("cannot be read");
    }

    private static String xpath(Path xml, String expr) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(xml.toFile());
        return XPathFactory.newInstance().newXPath().evaluate(expr, doc).strip();
    }
}
