package org.vmstation.engine.osinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken osinfo files, and inheritance, on small databases written here. */
class OsInfoReaderTest {
    @TempDir Path dir;

    private Path os(String vendor, String file, String body) throws Exception {
        Path f = Files.createDirectories(dir.resolve("os").resolve(vendor)).resolve(file);
        Files.writeString(f, "<?xml version=\"1.0\"?>\n<libosinfo version=\"0.0.1\">\n" + body + "\n</libosinfo>\n");
        return f;
    }

    @Test
    void entityExpansionIsRefused() throws Exception {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE libosinfo [\n<!ENTITY a \"aaaaaaaaaa\">\n");
        for (int i = 1; i < 10; i++) doc.append("<!ENTITY a").append(i).append(" \"&a").append(i == 1 ? "" : i - 1).append(";&a").append(i == 1 ? "" : i - 1).append(";\">\n");
        doc.append("]>\n<libosinfo><os id=\"http://x/bomb\"><short-id>bomb</short-id><name>&a9;</name></os></libosinfo>\n");
        Path bomb = Files.createDirectories(dir.resolve("os/evil")).resolve("bomb.xml");
        Files.writeString(bomb, doc);
        assertThatThrownBy(() -> OsInfoReader.read(bomb)).isInstanceOf(OsInfoException.class)
                .hasMessageContaining("bomb.xml").hasMessageContaining("declares a DTD or XML entities");
        OsInfoDatabase db = OsInfoDatabase.load(dir);
        assertThat(db.all()).isEmpty();
        assertThat(db.problems()).singleElement().asString().contains("bomb.xml").contains("refused");
    }

    @Test
    void externalEntityIsNotRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        Path xxe = Files.createDirectories(dir.resolve("os/evil")).resolve("xxe.xml");
        Files.writeString(xxe, """
                <?xml version="1.0"?>
                <!DOCTYPE libosinfo [<!ENTITY leak SYSTEM "%s">]>
                <libosinfo><os id="http://x/xxe"><short-id>xxe</short-id><name>&leak;</name></os></libosinfo>
                """.formatted(secret.toUri()));
        assertThatThrownBy(() -> OsInfoReader.read(xxe)).isInstanceOf(OsInfoException.class)
                .hasMessageContaining("xxe.xml").hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void oversizeMalformedAndIncompleteFilesNameTheProblem() throws Exception {
        Path big = Files.createDirectories(dir.resolve("os/big")).resolve("big.xml");
        Files.write(big, new byte[(int) OsInfoReader.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> OsInfoReader.read(big)).isInstanceOf(OsInfoException.class)
                .hasMessageContaining("big.xml").hasMessageContaining("at most 1048576 bytes");
        Path cut = os("x", "cut.xml", "<os id=\"http://x/cut\"><short-id>cut</short-id><name>Cut");
        Files.writeString(cut, Files.readString(cut).replace("</libosinfo>", ""));
        assertThatThrownBy(() -> OsInfoReader.read(cut)).isInstanceOf(OsInfoException.class)
                .hasMessageContaining("cut.xml").hasMessageContaining("is not a valid osinfo OS file at line");
        Path noId = os("x", "noid.xml", "<os><short-id>noid</short-id></os>");
        assertThatThrownBy(() -> OsInfoReader.read(noId)).isInstanceOf(OsInfoException.class)
                .hasMessageContaining("noid.xml").hasMessageContaining("<os> at line 3 has no id attribute");
        Path badRam = os("x", "ram.xml", "<os id=\"http://x/ram\"><resources arch=\"all\"><minimum><ram>lots</ram></minimum></resources></os>");
        assertThatThrownBy(() -> OsInfoReader.read(badRam)).isInstanceOf(OsInfoException.class)
                .hasMessageContaining("ram.xml").hasMessageContaining("<minimum/ram> at line 3 is 'lots': expected a non-negative whole number");
        Path wrongRoot = Files.writeString(dir.resolve("os/x/root.xml"), "<foo/>");
        assertThatThrownBy(() -> OsInfoReader.read(wrongRoot)).hasMessageContaining("root.xml").hasMessageContaining("expected a <libosinfo> root element, found <foo>");
        assertThatThrownBy(() -> OsInfoDatabase.load(dir.resolve("nowhere"))).isInstanceOf(OsInfoException.class)
                .hasMessageContaining("nowhere").hasMessageContaining("no os/ folder");
    }

    @Test
    void resourcesFirmwareAndDevicesInheritAlongDerivesFromAndClones() throws Exception {
        os("example.org", "base-1.xml", """
                <os id="http://example.org/base/1">
                  <short-id>base1</short-id><name>Base 1</name><name xml:lang="de">Basis 1</name><vendor>Example</vendor>
                  <family>linux</family><distro>base</distro><version>1</version><release-date>2020-01-02</release-date>
                  <firmware arch="x86_64" type="efi"/>
                  <resources arch="all">
                    <minimum><n-cpus>1</n-cpus><ram>536870912</ram><storage>4294967296</storage></minimum>
                    <recommended><n-cpus>2</n-cpus><ram>1073741824</ram><storage>10737418240</storage></recommended>
                  </resources>
                  <resources arch="aarch64"><recommended><ram>99</ram></recommended></resources>
                  <devices><device id="http://pcisig.com/pci/1af4/1001"/><device id="http://pcisig.com/pci/1af4/1000"/></devices>
                  <media arch="i686"><iso><volume-id>BASE i386</volume-id></iso></media>
                  <media arch="x86_64"><iso><volume-id>^BASE 1</volume-id><system-id>LINUX</system-id></iso></media>
                </os>""");
        os("example.org", "base-2.xml", """
                <os id="http://example.org/base/2">
                  <short-id>base2</short-id><name>Base 2</name><vendor>Example</vendor><distro>base</distro>
                  <derives-from id="http://example.org/base/1"/><release-date>2022-03</release-date><eol-date>2023-01-01</eol-date>
                  <resources arch="x86_64"><recommended><ram>2147483648</ram></recommended></resources>
                  <devices><device id="http://pcisig.com/pci/1af4/1000" supported="false"/></devices>
                </os>""");
        os("clone.org", "clone-2.xml", """
                <os id="http://clone.org/clone/2"><short-id>clone2</short-id><name>Clone 2</name>
                  <clones id="http://example.org/base/2"/><firmware arch="x86_64" type="bios" supported="false"/></os>""");
        os("loop.org", "loop.xml", """
                <os id="http://loop.org/a"><short-id>loopa</short-id><derives-from id="http://loop.org/a"/></os>""");
        OsInfoDatabase db = OsInfoDatabase.load(dir);
        assertThat(db.problems()).isEmpty();
        OsInfoEntry base1 = db.byShortId("base1").orElseThrow();
        assertThat(base1.name()).isEqualTo("Base 1");
        assertThat(base1.media()).singleElement().satisfies(m -> assertThat(m.volumeId().pattern()).isEqualTo("^BASE 1"));
        OsInfoEntry base2 = db.byShortId("BASE2").orElseThrow();
        assertThat(base2.recommended()).isEqualTo(new OsResources(2147483648L, 2, 10737418240L));
        assertThat(base2.minimum()).isEqualTo(base1.minimum());
        assertThat(base2.releaseDate()).hasToString("2022-03-01");
        assertThat(base2.isEndOfLife(java.time.LocalDate.of(2024, 1, 1))).isTrue();
        assertThat(base2.efi()).isTrue();
        assertThat(base2.supportsVirtioDisk()).isTrue();
        assertThat(base2.supportsVirtioNet()).as("supported=false removes the inherited device").isFalse();
        assertThat(base2.media()).as("media are not inherited").isEmpty();
        OsInfoEntry clone = db.byShortId("clone2").orElseThrow();
        assertThat(clone.recommended().ramBytes()).isEqualTo(2147483648L);
        assertThat(clone.biosSupported()).isFalse();
        assertThat(db.byShortId("loopa")).isPresent();
        assertThat(db.detect(new IsoVolumeDescriptor("LINUX", "BASE 1.0", "", ""))).get().extracting(m -> m.os().shortId()).isEqualTo("base1");
        assertThat(db.detect(new IsoVolumeDescriptor("WINDOWS", "BASE 1.0", "", ""))).as("system id must match too: only a guess by distro name")
                .get().satisfies(m -> assertThat(m.exact()).isFalse());
        assertThat(db.detect(new IsoVolumeDescriptor("LINUX", "BASE i386", "", ""))).as("other architectures' media are left out")
                .get().satisfies(m -> assertThat(m.exact()).isFalse());
        assertThat(db.detect(new IsoVolumeDescriptor("LINUX", "OTHER 1.0", "", ""))).isEmpty();
    }

    @Test
    void invalidExpressionSkipsOnlyThatMedium() throws Exception {
        os("x", "re.xml", """
                <os id="http://x/re"><short-id>re</short-id>
                  <media arch="x86_64"><iso><volume-id>BROKEN[</volume-id></iso></media>
                  <media arch="x86_64"><iso><volume-id>GOOD</volume-id></iso></media></os>""");
        OsInfoDatabase db = OsInfoDatabase.load(dir);
        assertThat(db.byShortId("re").orElseThrow().media()).hasSize(1);
        assertThat(db.problems()).singleElement().asString().contains("re.xml").contains("<iso> at line 4 skipped").contains("BROKEN[");
    }
}
