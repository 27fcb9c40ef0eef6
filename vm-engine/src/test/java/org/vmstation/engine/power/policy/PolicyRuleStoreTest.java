package org.vmstation.engine.power.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyRuleStoreTest {
    @TempDir Path dir;

    private static final List<PolicyRule> RULES = List.of(
            new PolicyRule("r1", true, new PolicyCondition.OnBattery(), new PolicyAction.Pause(), new PolicyTarget.Background()),
            new PolicyRule("r2", false, new PolicyCondition.OnBattery(), new PolicyAction.CpuCap(25), new PolicyTarget.Tagged("build")),
            new PolicyRule("r3", true, new PolicyCondition.BatteryBelow(15), new PolicyAction.SuspendToDisk(), new PolicyTarget.AllRunning()),
            new PolicyRule("r4", true, new PolicyCondition.BatteryBelow(15), new PolicyAction.Warn(), new PolicyTarget.AllRunning()),
            new PolicyRule("r5", true, new PolicyCondition.LidClosed(), new PolicyAction.Pause(), new PolicyTarget.AllRunning()));

    @Test
    void savesAndLoadsEveryKindOfRule() throws Exception {
        PolicyRuleStore store = PolicyRuleStore.besideLibrary(dir.resolve("lib/library.db"));
        assertThat(store.file()).isEqualTo(dir.resolve("lib/power-policy.json"));
        assertThat(store.load()).as("no file: no rules").isEmpty();
        store.save(RULES);
        assertThat(store.load()).isEqualTo(RULES);
        assertThat(Files.readString(store.file())).contains("\"when\" : \"battery-below\"").contains("\"cpuPercent\" : 25");
        assertThat(dir.resolve("lib/power-policy.json.tmp")).doesNotExist();
    }

    @Test
    void badFilesAreRefusedNamingTheFieldAndWhatWasExpected() {
        assertError("{", "power-policy.json: not valid JSON");
        assertError("[]", "expected a JSON object");
        assertError("{\"version\": 2, \"rules\": []}", "version is '2', expected 1");
        assertError("{\"version\": 1}", "rules is missing, expected a list");
        assertError(rules("{\"id\":\"a\",\"when\":\"on-battery\",\"action\":\"explode\",\"vms\":\"background\"}"),
                "rules[0].action is 'explode', expected one of pause, cpu-cap, suspend-to-disk, warn");
        assertError(rules("{\"id\":\"a\",\"when\":\"battery-below\",\"percent\":140,\"action\":\"warn\",\"vms\":\"background\"}"),
                "rules[0].percent is '140', expected a whole number from 1 to 100");
        assertError(rules("{\"id\":\"a\",\"when\":\"on-battery\",\"action\":\"cpu-cap\",\"vms\":\"all-running\"}"), "rules[0].cpuPercent is missing");
        assertError(rules("{\"id\":\"a\",\"when\":\"on-battery\",\"action\":\"pause\",\"vms\":\"tagged\",\"tag\":\"\"}"),
                "rules[0].tag is '\"\"', expected a text of 1 to 100 characters");
        assertError(rules("{\"id\":\"a\",\"when\":\"on-battery\",\"action\":\"pause\",\"vms\":\"all-running\",\"colour\":1}"),
                "rules[0] has an unknown field 'colour'");
        assertError(rules("{\"id\":\"a\",\"when\":\"on-battery\",\"action\":\"pause\",\"vms\":\"all-running\"},"
                + "{\"id\":\"a\",\"when\":\"lid-closed\",\"action\":\"pause\",\"vms\":\"all-running\",\"enabled\":\"yes\"}"),
                "rules[1].enabled is '\"yes\"', expected true or false");
        assertError(rules("{\"id\":\"a\",\"when\":\"on-battery\",\"action\":\"pause\",\"vms\":\"all-running\"},"
                + "{\"id\":\"a\",\"when\":\"lid-closed\",\"action\":\"pause\",\"vms\":\"all-running\"}"),
                "rules[1].id 'a' is used by an earlier rule");
    }

    @Test
    void anOversizedFileIsNotRead() throws Exception {
        Path f = dir.resolve("power-policy.json");
        Files.write(f, new byte[(int) PolicyRuleStore.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> new PolicyRuleStore(f).load()).isInstanceOf(PolicyFileException.class).hasMessageContaining("larger than");
    }

    private static String rules(String body) { return "{\"version\": 1, \"rules\": [" + body + "]}"; }

    private void assertError(String text, String message) {
        assertThatThrownBy(() -> {
            Path f = dir.resolve("power-policy.json");
            Files.writeString(f, text);
            new PolicyRuleStore(f).load();
        }).isInstanceOf(PolicyFileException.class).hasMessageContaining(message);
    }
}
