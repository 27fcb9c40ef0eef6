package org.vmstation.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed and hostile descriptors: each refused with one clear sentence naming the file. */
class HostileXmlTest {
    @TempDir Path dir;

    @Test
    void externalEntityIsRefusedWithoutReadingTheFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        Path ovf = Files.writeString(dir.resolve("xxe.ovf"), """
                <?xml version="1.0"?>
                <!DOCTYPE Envelope [<!ENTITY leak SYSTEM "%s">]>
                <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"><VirtualSystem><Name>&leak;</Name></VirtualSystem></Envelope>
                """.formatted(secret.toUri()));
        assertThatThrownBy(() -> ImporterRegistry.standard().read(ovf))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("xxe.ovf")
                .hasMessageContaining("declares XML entities")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void entityExpansionBombIsRefused() throws Exception {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE domain [\n<!ENTITY a \"aaaaaaaaaa\">\n");
        for (int i = 1; i < 10; i++) doc.append("<!ENTITY a").append(i).append(" \"&a").append(i == 1 ? "" : i - 1).append(";".repeat(1)).append("\">\n");
        doc.append("]>\n<domain type='kvm'><name>&a9;</name></domain>\n");
        Path xml = Files.writeString(dir.resolve("bomb.xml"), doc);
        assertThatThrownBy(() -> ImporterRegistry.standard().read(xml)).isInstanceOf(ImportException.class)
                .hasMessageContaining("bomb.xml").hasMessageContaining("declares XML entities");
    }

    @Test
    void truncatedXmlNamesTheLine() throws Exception {
        String whole = Files.readString(Corpus.file("ovf/vmware-ovftool-4.1-win2008r2-two-disks.ovf"));
        Path cut = Files.writeString(dir.resolve("cut.ovf"), whole.substring(0, whole.length() / 2));
        assertThatThrownBy(() -> ImporterRegistry.standard().read(cut)).isInstanceOf(ImportException.class)
                .hasMessageContaining("cut.ovf").hasMessageContaining("is not well-formed XML at line");
    }

    @Test
    void oversizeDescriptorIsRefusedBeforeParsing() throws Exception {
        Path big = dir.resolve("big.ovf");
        byte[] filler = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(filler, (byte) ' ');
        Files.write(big, filler);
        assertThatThrownBy(() -> ImporterRegistry.standard().read(big)).isInstanceOf(ImportException.class)
                .hasMessageContaining("big.ovf").hasMessageContaining("at most 16777216 bytes");
    }

    @Test
    void notAnEnvelopeAndNoVirtualSystemAreClear() throws Exception {
        Path wrongRoot = Files.writeString(dir.resolve("root.ovf"), "<Foo xmlns='http://schemas.dmtf.org/ovf/envelope/1'/>");
        assertThatThrownBy(() -> ImporterRegistry.standard().read(wrongRoot)).isInstanceOf(ImportException.class)
                .hasMessageContaining("root element is <Foo>; an OVF descriptor starts with <Envelope>");
        Path empty = Files.writeString(dir.resolve("empty.ovf"), "<Envelope xmlns='http://schemas.dmtf.org/ovf/envelope/1'><References/></Envelope>");
        assertThatThrownBy(() -> ImporterRegistry.standard().read(empty)).isInstanceOf(ImportException.class)
                .hasMessageContaining("holds no <VirtualSystem>");
    }

    @Test
    void unknownFileIsRefusedWithTheListOfFormats() throws Exception {
        Path txt = Files.writeString(dir.resolve("notes.txt"), "just some notes\n");
        assertThatThrownBy(() -> ImporterRegistry.standard().read(txt)).isInstanceOf(ImportException.class)
                .hasMessageContaining("notes.txt: is not a format VMStation imports");
    }

    @Test
    void plistWithDoctypeStillParses() throws Exception {
        // Apple plists carry an external DOCTYPE: it must be ignored, never fetched
        Path plist = Files.writeString(dir.resolve("config.plist"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://127.0.0.1:1/never-fetched.dtd">
                <plist version="1.0"><dict><key>ConfigurationVersion</key><integer>4</integer>
                <key>Information</key><dict><key>Name</key><string>Tiny</string></dict>
                <key>System</key><dict><key>Architecture</key><string>x86_64</string><key>MemorySize</key><integer>512</integer>
                <key>CPUCount</key><integer>2</integer></dict></dict></plist>
                """);
        ImportedVm vm = ImporterRegistry.standard().read(plist).vms().getFirst();
        assertThat(vm.definition().name()).isEqualTo("Tiny");
        assertThat(vm.definition().memoryMiB()).isEqualTo(512);
    }
}
