package org.vmstation.engine.osinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmstation.engine.model.VmDefinition;

class RecordedOsTest {
    private static VmDefinition vm(String osType, Map<String, String> settings) {
        return VmDefinition.builder("box").osType(osType).memoryMiB(256).settings(settings).build();
    }

    @Test
    void readsTheThreeSettingsAndShowsTheExactNameOverThePresetLabel() {
        VmDefinition d = vm("debian", Map.of(RecordedOs.ID, "http://debian.org/debian/11", RecordedOs.SHORT_ID, "debian11",
                RecordedOs.NAME, " Debian 11 ", "power.enabled", "true"));
        assertThat(RecordedOs.of(d)).contains(new RecordedOs("http://debian.org/debian/11", "debian11", "Debian 11"));
        assertThat(RecordedOs.label(d, "Debian")).isEqualTo("Debian 11");
    }

    @Test
    void aVmWithoutANameRecordsNothingAndKeepsThePresetLabel() {
        VmDefinition blank = vm("debian", Map.of(RecordedOs.ID, "http://debian.org/debian/11", RecordedOs.NAME, "  "));
        assertThat(RecordedOs.of(blank)).isEmpty();
        assertThat(RecordedOs.label(blank, "Debian")).isEqualTo("Debian");
        assertThat(RecordedOs.of(vm("linux", Map.of()))).isEmpty();
    }

    @Test
    void anotherOsTypeForgetsTheRecordAndOtherEditsKeepIt() {
        VmDefinition before = vm("debian", Map.of(RecordedOs.NAME, "Debian 11", RecordedOs.SHORT_ID, "debian11", "power.enabled", "true"));
        VmDefinition moreMemory = before.toBuilder().memoryMiB(512).build();
        assertThat(RecordedOs.afterEdit(before, moreMemory)).isSameAs(moreMemory);
        VmDefinition fedora = RecordedOs.afterEdit(before, before.toBuilder().osType("fedora").build());
        assertThat(fedora.settings()).containsOnlyKeys("power.enabled");
    }

    @Test
    void anotherOsTypeKeepsWhatTheSameEditRecorded() {
        VmDefinition before = vm("debian", Map.of(RecordedOs.NAME, "Debian 11", RecordedOs.SHORT_ID, "debian11", RecordedOs.ID,
                "http://debian.org/debian/11"));
        // as `vmstation edit --os fedora --set os.name="Fedora 40"`: the new name stays, the stale ids go
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>(before.settings());
        settings.put(RecordedOs.NAME, "Fedora 40");
        VmDefinition saved = RecordedOs.afterEdit(before, before.toBuilder().osType("fedora").settings(settings).build());
        assertThat(saved.settings()).containsExactly(Map.entry(RecordedOs.NAME, "Fedora 40"));
        assertThat(RecordedOs.label(saved, "Fedora")).isEqualTo("Fedora 40");
    }
}
