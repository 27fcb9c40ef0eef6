package org.vmstation.app.cli;

import org.vmstation.app.cli.CliHarness.Result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a real library file, without booting guests. */
class CliTest {
    @TempDir Path dir;

    Result run(String... args) {
        return CliHarness.run(dir.resolve("lib"), args);
    }

    @Test
    void createsListsShowsEditsAndDeletes() throws Exception {
        Result created = run("create", "web server", "--os", "debian", "--memory", "512M", "--cpus", "2",
                "--disk-size", "1G", "--forward", "tcp:2222:22", "--tag", "lab");
        assertThat(created.code()).as(created.err()).isZero();

        Result list = run("list", "--json");
        assertThat(list.code()).isZero();
        JsonNode vms = new ObjectMapper().readTree(list.out());
        assertThat(vms).hasSize(1);
        assertThat(vms.get(0).get("name").asText()).isEqualTo("web server");
        assertThat(vms.get(0).get("state").asText()).isEqualTo("stopped");
        assertThat(vms.get(0).get("memoryMiB").asLong()).isEqualTo(512);

        JsonNode shown = new ObjectMapper().readTree(run("show", "web server", "--json").out());
        String folder = shown.get("folder").asText();
        assertThat(Path.of(folder).resolve("disk0.qcow2")).exists();
        assertThat(shown.get("definition").toString()).contains("2222");

        assertThat(run("edit", "web server", "--memory", "1G", "--rename", "web").code()).isZero();
        assertThat(run("show", "web", "--json").out()).contains("\"memoryMiB\" : 1024");

        assertThat(run("delete", "web").code()).isZero();
        assertThat(Path.of(folder)).doesNotExist();
        assertThat(run("list", "--json").out().trim()).isEqualTo("[ ]");
    }

    @Test
    void listShowAndJsonNameTheExactOsTheVmWasMadeForAndKeepThePresetIdInOs() throws Exception {
        Result created = run("create", "bullseye", "--os", "debian", "--memory", "256M", "--disk-size", "16M",
                "--set", "os.osinfo-id=http://debian.org/debian/11", "--set", "os.osinfo-short-id=debian11",
                "--set", "os.name=Debian 11 (bullseye)");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(run("create", "plain", "--os", "fedora", "--memory", "256M", "--disk-size", "16M").code()).isZero();

        JsonNode vms = new ObjectMapper().readTree(run("list", "--json").out());
        JsonNode exact = vms.get(0);
        assertThat(exact.get("name").asText()).isEqualTo("bullseye");
        assertThat(exact.get("os").asText()).isEqualTo("debian");
        assertThat(exact.get("osName").asText()).isEqualTo("Debian 11 (bullseye)");
        assertThat(exact.get("osinfoId").asText()).isEqualTo("http://debian.org/debian/11");
        assertThat(exact.get("osinfoShortId").asText()).isEqualTo("debian11");
        JsonNode plain = vms.get(1);
        assertThat(plain.get("os").asText()).isEqualTo("fedora");
        assertThat(plain.has("osName")).as(plain.toString()).isFalse();

        String table = run("list").out();
        assertThat(table.lines().filter(l -> l.startsWith("bullseye"))).singleElement().asString().contains("Debian 11 (bullseye)");
        assertThat(table.lines().filter(l -> l.startsWith("plain"))).singleElement().asString().contains(" fedora ");

        assertThat(run("show", "bullseye").out()).contains("OS:         Debian 11 (bullseye) (type debian, osinfo debian11)");
        assertThat(run("show", "plain").out()).contains("OS:         fedora" + System.lineSeparator());
        assertThat(new ObjectMapper().readTree(run("show", "bullseye", "--json").out()).get("osName").asText()).isEqualTo("Debian 11 (bullseye)");

        assertThat(run("edit", "bullseye", "--memory", "512M").code()).isZero();
        assertThat(run("show", "bullseye").out()).contains("Debian 11 (bullseye)");
        assertThat(run("edit", "bullseye", "--os", "ubuntu").code()).isZero();
        JsonNode edited = new ObjectMapper().readTree(run("show", "bullseye", "--json").out());
        assertThat(edited.get("os").asText()).isEqualTo("ubuntu");
        assertThat(edited.has("osName")).as("another OS type forgets the exact OS: " + edited).isFalse();
        // ... unless the same edit names the new one
        assertThat(run("edit", "bullseye", "--os", "fedora", "--set", "os.name=Fedora 40").code()).isZero();
        assertThat(run("show", "bullseye").out()).contains("OS:         Fedora 40 (type fedora)");
    }

    @Test
    void invalidDefinitionIsRefusedWithTheFieldAndLeavesNothingBehind() throws Exception {
        Result r = run("create", "huge", "--memory", "100T", "--disk-size", "1G");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("memoryMiB").contains("at most the host's");
        assertThat(run("list", "--json").out().trim()).isEqualTo("[ ]");
        try (Stream<Path> left = Files.walk(dir.resolve("lib"))) {
            assertThat(left.filter(p -> p.toString().endsWith(".qcow2"))).isEmpty();
        }
    }

    @Test
    void missingVmAndBadOptionsHaveDocumentedExitCodes() {
        Result missing = run("start", "nope");
        assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("nope");
        assertThat(run("create", "x", "--forward", "tcp:abc").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("stop", "nope").code()).isEqualTo(ExitCodes.NOT_FOUND);
        Result bad = run("frobnicate");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpDocumentsExitCodes() {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Exit codes").contains("list").contains("console").contains("demo");
    }
}
