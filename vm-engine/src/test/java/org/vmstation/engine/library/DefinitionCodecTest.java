package org.vmstation.engine.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.PortForward;
import org.vmstation.engine.model.VmDefinition;

class DefinitionCodecTest {

    static VmDefinition sample() {
        return VmDefinition.builder("Debian 12").id("5d0c1a4e-8f53-4a57-9a43-0b3f4c2a9e11")
                .osType("debian").firmware(Firmware.UEFI).machineType("q35").cpus(2).memoryMiB(2048)
                .addDisk(new DiskSpec("disk0.qcow2", DiskFormat.QCOW2, DiskBus.VIRTIO, false))
                .addCdrom(new CdromSpec(null, DiskBus.SATA))
                .bootOrder(List.of(BootDevice.DISK, BootDevice.CDROM))
                .network(new NetworkSpec(NetworkSpec.Mode.NAT, "virtio-net-pci", null,
                        List.of(new PortForward(PortForward.Protocol.TCP, null, 2222, 22))))
                .display(DisplaySpec.standard())
                .serialConsole(true)
                .tags(List.of("dev", "server"))
                .notes("Build box")
                .setting("usb.tablet", "on").setting("power.acpi", "true")
                .build();
    }

    @Test
    void writesTheDocumentedStableForm() throws IOException {
        assertThat(DefinitionCodec.toJson(sample())).isEqualTo(resource("library/definition-v1.json").strip());
    }

    @Test
    void readsTheStableFormBack() throws IOException {
        assertThat(DefinitionCodec.fromJson(resource("library/definition-v1.json"))).isEqualTo(sample());
    }

    @Test
    void roundTripsManyVariedDefinitionsExactly() {
        for (long seed = 0; seed < 500; seed++) {
            VmDefinition vm = new TestDefinitions(seed).arbitrary();
            String json = DefinitionCodec.toJson(vm);
            VmDefinition back = DefinitionCodec.fromJson(json);
            assertThat(back).as("seed %d: %s", seed, json).isEqualTo(vm);
            // Map equality ignores order; the order is part of the contract.
            assertThat(new ArrayList<>(back.settings().sequencedEntrySet())).as("seed %d settings order", seed)
                    .containsExactlyElementsOf(new ArrayList<>(vm.settings().sequencedEntrySet()));
            assertThat(back.tags()).as("seed %d tag order", seed).containsExactlyElementsOf(vm.tags());
            assertThat(DefinitionCodec.toJson(back)).as("seed %d output is stable", seed).isEqualTo(json);
        }
    }

    @Test
    void keepsNullKernelBootExplicitAndDistinctFromPresentOne() {
        VmDefinition without = sample();
        assertThat(DefinitionCodec.toJson(without)).contains("\"kernelBoot\": null");
        assertThat(DefinitionCodec.fromJson(DefinitionCodec.toJson(without)).kernelBoot()).isNull();

        VmDefinition with = sample().toBuilder().kernelBoot(new KernelBoot("/boot/vmlinuz", null, "console=ttyS0")).build();
        VmDefinition back = DefinitionCodec.fromJson(DefinitionCodec.toJson(with));
        assertThat(back.kernelBoot()).isEqualTo(new KernelBoot("/boot/vmlinuz", null, "console=ttyS0"));
        assertThat(DefinitionCodec.toJson(with)).contains("\"initrdPath\": null");
    }

    @Test
    void writesEmptyListsAndMapsCompactly() {
        String json = DefinitionCodec.toJson(new VmDefinition.Builder().id("a").name("b").build());
        assertThat(json).contains("\"disks\": [],\n").contains("\"tags\": [],\n").endsWith("\"settings\": {}\n}")
                .doesNotContain("\r");
    }

    @Test
    void absentFieldsTakeBuilderDefaults() {
        VmDefinition vm = DefinitionCodec.fromJson("""
                {"formatVersion": 1, "id": "abc", "name": "Tiny"}""");
        assertThat(vm).isEqualTo(new VmDefinition.Builder().id("abc").name("Tiny").build());
        assertThat(vm.kernelBoot()).isNull();
        assertThat(vm.cpus()).isEqualTo(1);
    }

    @Test
    void refusesANewerFormatVersionClearly() {
        String json = DefinitionCodec.toJson(sample()).replace("\"formatVersion\": 1", "\"formatVersion\": 2");
        assertThatThrownBy(() -> DefinitionCodec.fromJson(json))
                .isInstanceOf(DefinitionFormatException.class)
                .hasMessageContaining("newer VMStation")
                .hasMessageContaining("format version 2")
                .hasMessageContaining("reads format version 1");
    }

    @Test
    void refusesUnknownFieldsNamingThem() {
        String json = DefinitionCodec.toJson(sample()).replace("\"serialConsole\"", "\"tpm\": true, \"serialConsole\"");
        assertThatThrownBy(() -> DefinitionCodec.fromJson(json))
                .isInstanceOf(DefinitionFormatException.class)
                .hasMessageContaining("unknown field 'tpm'")
                .satisfies(e -> assertThat(((DefinitionFormatException) e).field()).isEqualTo("tpm"));
        String nested = DefinitionCodec.toJson(sample()).replace("\"readOnly\"", "\"cache\": \"none\", \"readOnly\"");
        assertThatThrownBy(() -> DefinitionCodec.fromJson(nested))
                .hasMessageContaining("'disks[0].cache'");
    }

    @Test
    void namesTheFieldAndExpectationForWrongValues() {
        String badFormat = DefinitionCodec.toJson(sample()).replace("\"QCOW2\"", "\"QCOW9\"");
        assertThatThrownBy(() -> DefinitionCodec.fromJson(badFormat))
                .isInstanceOf(DefinitionFormatException.class)
                .hasMessageContaining("'disks[0].format'").hasMessageContaining("\"QCOW9\"").hasMessageContaining("QCOW2, RAW");
        String badCpus = DefinitionCodec.toJson(sample()).replace("\"cpus\": 2", "\"cpus\": \"two\"");
        assertThatThrownBy(() -> DefinitionCodec.fromJson(badCpus)).hasMessageContaining("'cpus'").hasMessageContaining("whole number");
        String fraction = DefinitionCodec.toJson(sample()).replace("\"memoryMiB\": 2048", "\"memoryMiB\": 2048.5");
        assertThatThrownBy(() -> DefinitionCodec.fromJson(fraction)).hasMessageContaining("'memoryMiB'");
        String nullName = DefinitionCodec.toJson(sample()).replace("\"name\": \"Debian 12\"", "\"name\": null");
        assertThatThrownBy(() -> DefinitionCodec.fromJson(nullName)).hasMessageContaining("'name'").hasMessageContaining("not null");
        String badPort = DefinitionCodec.toJson(sample()).replace("\"hostPort\": 2222", "\"hostPort\": 99999999999");
        assertThatThrownBy(() -> DefinitionCodec.fromJson(badPort)).hasMessageContaining("'network.forwards[0].hostPort'");
        String badSetting = DefinitionCodec.toJson(sample()).replace("\"on\"", "5");
        assertThatThrownBy(() -> DefinitionCodec.fromJson(badSetting)).hasMessageContaining("'settings.usb.tablet'");
    }

    @Test
    void refusesDocumentsThatAreNotDefinitions() {
        assertThatThrownBy(() -> DefinitionCodec.fromJson("{\"id\": \"a\", \"name\": \"b\"}"))
                .hasMessageContaining("no 'formatVersion'");
        assertThatThrownBy(() -> DefinitionCodec.fromJson("[1, 2]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> DefinitionCodec.fromJson("{\"formatVersion\": 1,")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> DefinitionCodec.fromJson("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DefinitionCodec.fromJson("{\"formatVersion\": 1, \"id\": \"a\", \"name\": \"b\"} trailing"))
                .isInstanceOf(DefinitionFormatException.class);
        assertThatThrownBy(() -> DefinitionCodec.fromJson("{\"formatVersion\": 1, \"id\": \"a\", \"id\": \"b\", \"name\": \"c\"}"))
                .isInstanceOf(DefinitionFormatException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> DefinitionCodec.fromJson("{\"formatVersion\": 0, \"id\": \"a\", \"name\": \"b\"}"))
                .hasMessageContaining("'formatVersion'");
    }

    @Test
    void refusesOversizedInputBeforeParsing() {
        String huge = "{\"formatVersion\": 1, \"id\": \"a\", \"name\": \"b\", \"notes\": \"" + "x".repeat(DefinitionCodec.MAX_JSON_CHARS) + "\"}";
        assertThatThrownBy(() -> DefinitionCodec.fromJson(huge)).hasMessageContaining("at most " + DefinitionCodec.MAX_JSON_CHARS);
    }

    @Test
    void enumNamesAreReadCaseInsensitively() {
        VmDefinition vm = DefinitionCodec.fromJson("""
                {"formatVersion": 1, "id": "a", "name": "b", "firmware": "uefi",
                 "disks": [{"path": "d.img", "format": "raw"}], "settings": {"b": "1", "a": "2"}}""");
        assertThat(vm.firmware()).isEqualTo(Firmware.UEFI);
        assertThat(vm.disks()).containsExactly(new DiskSpec("d.img", DiskFormat.RAW, DiskBus.VIRTIO, false));
        assertThat(vm.settings().sequencedKeySet()).containsExactly("b", "a");
        assertThat(vm.settings()).isEqualTo(Map.of("a", "2", "b", "1"));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DefinitionCodecTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IOException("test resource " + name + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
