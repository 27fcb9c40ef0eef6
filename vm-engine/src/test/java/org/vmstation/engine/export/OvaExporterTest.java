package org.vmstation.engine.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImporterRegistry;
import org.vmstation.engine.importer.service.ImportFixtures;
import org.vmstation.engine.importer.service.ImportOptions;
import org.vmstation.engine.importer.service.ImportService;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.storage.CancellationToken;
import org.vmstation.engine.storage.QemuImg;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Export to OVA with real qemu-img, then read it back with the importers: the same machine comes out. */
class OvaExporterTest {
    @TempDir Path tmp;
    VmLibrary library;
    VmEntry original;

    @BeforeEach
    void vmWithTwoDisks() throws Exception {
        library = VmLibrary.open(tmp.resolve("lib/library.db"));
        VmDefinition draft = VmDefinition.builder("Round Trip (1)").build();
        Path folder = Files.createDirectories(library.vmFolder(draft.id()));
        ImportFixtures.image(folder.resolve("system.qcow2"), "qcow2", 0x61);
        ImportFixtures.image(folder.resolve("data.qcow2"), "qcow2", 0x62);
        VmDefinition vm = draft.toBuilder().osType("debian").firmware(Firmware.UEFI).cpus(2).memoryMiB(768)
                .disks(List.of(new DiskSpec("system.qcow2", DiskFormat.QCOW2, DiskBus.VIRTIO, false),
                        new DiskSpec("data.qcow2", DiskFormat.QCOW2, DiskBus.SATA, false)))
                .cdroms(List.of(new CdromSpec(null, DiskBus.IDE)))
                .network(new NetworkSpec(NetworkSpec.Mode.NAT, "e1000", "52:54:00:12:34:56", List.of()))
                .display(new DisplaySpec(DisplaySpec.Adapter.QXL, DisplaySpec.Acceleration3d.AUTO))
                .notes("exported by a test").build();
        original = library.add(vm);
    }

    @AfterEach
    void close() throws Exception { library.close(); }

    private ExportResult export(Path ova) throws Exception {
        return new OvaExporter(QemuImg.locate()).export(original.definition(), library.vmFolder(original.id()), ova, null, null);
    }

    @Test
    void exportThenImportGivesTheSameMachine() throws Exception {
        Path ova = tmp.resolve("out/round-trip.ova");
        Files.createDirectories(ova.getParent());
        List<Double> progress = new ArrayList<>();
        ExportResult r = new OvaExporter(QemuImg.locate()).export(original.definition(), library.vmFolder(original.id()), ova, progress::add, null);
        assertThat(r.ova()).isRegularFile();
        assertThat(progress.getLast()).isEqualTo(1.0);
        assertThat(progress).isSorted();
        try (var files = Files.list(ova.getParent())) {
            assertThat(files.toList()).as("no work files or partial archive left").containsExactly(ova.toAbsolutePath());
        }

        ImportPlan plan = ImporterRegistry.standard().read(ova);
        assertThat(plan.verifiedFiles()).as("every member is in the SHA-256 manifest and matches")
                .containsExactlyInAnyOrder("Round_Trip_1_.ovf", "Round_Trip_1_-disk1.vmdk", "Round_Trip_1_-disk2.vmdk");
        VmEntry back = new ImportService(library, QemuImg.locate()).run(
                new ImportService(library, QemuImg.locate()).prepare(plan, ImportOptions.defaults()), null, null).created().getFirst();
        VmDefinition a = original.definition();
        VmDefinition b = back.definition();
        assertThat(b.name()).isEqualTo("Round Trip (1) (2)");
        assertThat(b.cpus()).isEqualTo(a.cpus());
        assertThat(b.memoryMiB()).isEqualTo(a.memoryMiB());
        assertThat(b.firmware()).isEqualTo(Firmware.UEFI);
        assertThat(b.osType()).isEqualTo("debian");
        assertThat(b.notes()).isEqualTo("exported by a test");
        assertThat(b.network().model()).isEqualTo("e1000");
        assertThat(b.network().macAddress()).isEqualTo("52:54:00:12:34:56");
        assertThat(b.disks()).extracting(DiskSpec::bus).containsExactly(DiskBus.VIRTIO, DiskBus.SATA);
        assertThat(b.cdroms()).extracting(CdromSpec::bus).containsExactly(DiskBus.IDE);
        assertThat(b.display()).isEqualTo(new DisplaySpec(DisplaySpec.Adapter.QXL, DisplaySpec.Acceleration3d.AUTO));
        for (int i = 0; i < 2; i++) {
            Path before = library.vmFolder(a.id()).resolve(a.disks().get(i).path());
            Path after = library.vmFolder(b.id()).resolve(b.disks().get(i).path());
            assertThat(ImportFixtures.sameContent(before, after)).as("disk %d", i + 1).isTrue();
            assertThat(QemuImg.locate().info(after).virtualSize()).isEqualTo(QemuImg.locate().info(before).virtualSize());
        }

        // and once more with the original name free: the name itself round-trips
        library.delete(original.id());
        VmEntry third = new ImportService(library, QemuImg.locate()).importFile(ova, ImportOptions.defaults(), null, null).created().getFirst();
        assertThat(third.name()).isEqualTo("Round Trip (1)");
    }

    @Test
    void theArchiveHasTheDescriptorFirstTheManifestSecondAndStreamOptimizedDisks() throws Exception {
        Path ova = tmp.resolve("shape.ova");
        export(ova);
        List<String> names = new ArrayList<>();
        byte[] descriptor;
        try (TarFile tar = new TarFile(ova)) {
            for (TarArchiveEntry e : tar.getEntries()) names.add(e.getName());
            descriptor = tar.getInputStream(tar.getEntries().getFirst()).readAllBytes();
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.getName().endsWith(".vmdk")) {
                    byte[] head = tar.getInputStream(e).readNBytes(512);
                    assertThat(new String(head, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("KDMV");
                    int flags = (head[8] & 0xff) | (head[9] & 0xff) << 8 | (head[10] & 0xff) << 16 | (head[11] & 0xff) << 24;
                    assertThat(flags & (1 << 16)).as("compressed grains: streamOptimized").isNotZero();
                }
            }
        }
        assertThat(names).containsExactly("Round_Trip_1_.ovf", "Round_Trip_1_.mf", "Round_Trip_1_-disk1.vmdk", "Round_Trip_1_-disk2.vmdk");
        // ustar magic on the first header
        byte[] head = Files.readAllBytes(ova);
        assertThat(new String(head, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(descriptor));
        Element env = doc.getDocumentElement();
        assertThat(env.getNamespaceURI()).isEqualTo(OvfDescriptorWriter.OVF);
        assertThat(env.getAttributeNS(OvfDescriptorWriter.OVF, "version")).isEqualTo("1.0");
        assertThat(childNames(env)).containsExactly("References", "DiskSection", "NetworkSection", "VirtualSystem");
        Element vs = children(env).getLast();
        assertThat(childNames(vs)).containsExactly("Info", "Name", "AnnotationSection", "OperatingSystemSection", "VirtualHardwareSection");
        Element hw = children(vs).getLast();
        List<Integer> types = new ArrayList<>();
        for (Element item : children(hw)) {
            if (!item.getLocalName().equals("Item")) continue;
            List<Element> rasd = children(item).stream().filter(c -> OvfDescriptorWriter.RASD.equals(c.getNamespaceURI())).toList();
            assertThat(rasd.stream().map(Element::getLocalName).toList()).as("RASD elements in the CIM schema's alphabetical order").isSorted();
            // then only VMware's per-device options, as ovftool writes them
            assertThat(children(item).subList(rasd.size(), children(item).size()))
                    .allSatisfy(c -> assertThat(c.getNamespaceURI() + " " + c.getLocalName()).isEqualTo(OvfDescriptorWriter.VMW + " Config"));
            for (Element c : rasd) if (c.getLocalName().equals("ResourceType")) types.add(Integer.parseInt(c.getTextContent()));
        }
        // CPU, memory, SATA and IDE controllers, two disks, a CD-ROM, a NIC, the video card
        assertThat(types).containsExactly(3, 4, 20, 5, 17, 17, 15, 10, 24);
        Element video = children(hw).stream().filter(e -> e.getLocalName().equals("Item")).toList().getLast();
        assertThat(video.getAttributeNS(OvfDescriptorWriter.OVF, "required")).as("VMware and VirtualBox may skip it").isEqualTo("false");
        assertThat(text(video, "ResourceSubType")).isEqualTo("qxl-vga");
        assertThat(vmwConfig(video)).containsExactly("enable3DSupport=true", "use3dRenderer=automatic");
    }

    @Test
    void aCancelledExportLeavesNoFile() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("cancelled"));
        CancellationToken cancel = new CancellationToken();
        assertThatThrownBy(() -> new OvaExporter(QemuImg.locate()).export(original.definition(), library.vmFolder(original.id()),
                out.resolve("x.ova"), f -> cancel.cancel(), cancel)).isInstanceOf(CancellationException.class);
        try (var files = Files.list(out)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path ova = Files.writeString(tmp.resolve("taken.ova"), "mine");
        assertThatThrownBy(() -> export(ova)).hasMessageContaining("already exists").hasMessageContaining(ova.toString());
        assertThat(Files.readString(ova)).isEqualTo("mine");
    }

    /**
     * Every adapter and 3-D setting comes back from the descriptor alone, as VMware's ovftool shapes a video card
     * (Auto is VMware's automatic renderer, On its hardware one).
     */
    @Test
    void everyDisplayAdapterAndThreeDSettingRoundTrips() throws Exception {
        for (DisplaySpec.Adapter adapter : DisplaySpec.Adapter.values()) {
            for (DisplaySpec.Acceleration3d accel : DisplaySpec.Acceleration3d.values()) {
                if (accel == DisplaySpec.Acceleration3d.ON && adapter != DisplaySpec.Adapter.VIRTIO_VGA) continue; // On needs virtio-vga
                DisplaySpec display = new DisplaySpec(adapter, accel);
                VmDefinition vm = original.definition().toBuilder().display(display).disks(List.of()).cdroms(List.of()).build();
                Path ovf = Files.write(tmp.resolve("display-" + adapter + "-" + accel + ".ovf"), OvfDescriptorWriter.write(vm, List.of()));
                ImportPlan plan = ImporterRegistry.standard().read(ovf);
                assertThat(plan.vms().getFirst().definition().display()).as("%s", display).isEqualTo(display);
                assertThat(plan.vms().getFirst().warnings()).as("%s: nothing said about the display", display).noneMatch(w -> w.subject().equals("display"));
            }
        }
    }

    private static String text(Element item, String rasdName) {
        return children(item).stream().filter(c -> c.getLocalName().equals(rasdName)).findFirst().orElseThrow().getTextContent();
    }

    private static List<String> vmwConfig(Element item) {
        return children(item).stream().filter(c -> c.getLocalName().equals("Config"))
                .map(c -> c.getAttributeNS(OvfDescriptorWriter.VMW, "key") + "=" + c.getAttributeNS(OvfDescriptorWriter.VMW, "value")).toList();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element c) out.add(c);
        return out;
    }

    private static List<String> childNames(Element e) {
        return children(e).stream().map(Element::getLocalName).toList();
    }
}
