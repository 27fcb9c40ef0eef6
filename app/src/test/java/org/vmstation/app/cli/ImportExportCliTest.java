package org.vmstation.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.cli.CliHarness.Result;
import org.vmstation.engine.importer.service.ImportFixtures;

/** {@code vmstation import} and {@code export} against a real library, real qemu-img and a corpus OVF packed as an OVA. */
class ImportExportCliTest {
    @TempDir Path dir;

    Result run(String... args) {
        return CliHarness.run(dir.resolve("lib"), args);
    }

    /** The corpus's VMware ttylinux OVF with a real streamOptimized disk, packed as an OVA with a SHA-256 manifest. */
    Path ttylinuxOva() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path ovf = Files.copy(ImportFixtures.corpusRoot().resolve("ovf/vmware-ovftool-4.0-ttylinux.ovf"), src.resolve("ttylinux.ovf"));
        Path disk = ImportFixtures.image(src.resolve("ttylinux-pc_i486-16.1-disk1.vmdk"), "vmdk-stream", 0x41);
        Map<String, Path> members = new LinkedHashMap<>();
        members.put("ttylinux.ovf", ovf);
        members.put(disk.getFileName().toString(), disk);
        return ImportFixtures.ova(dir.resolve("ttylinux.ova"), members, true);
    }

    @Test
    void dryRunPrintsTheMappingAndWritesNothing() throws Exception {
        Path ova = ttylinuxOva();
        Result r = run("import", ova.toString(), "--dry-run");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Would create VM").contains("Disk 1:").contains("ttylinux-pc_i486-16.1-disk1.vmdk").contains("→ disk1.qcow2")
                .contains("CPUs:").contains("Memory:");
        assertThat(run("list", "--json").out().trim()).isEqualTo("[ ]");
    }

    @Test
    void importsWithProgressThenExportsAndReimportsTheSameMachine() throws Exception {
        Path ova = ttylinuxOva();
        Result r = run("import", ova.toString(), "--name", "router", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("dryRun").asBoolean()).isFalse();
        JsonNode vm = report.get("vms").get(0);
        assertThat(vm.get("name").asText()).isEqualTo("router");
        assertThat(vm.get("disks").get(0).get("target").asText()).isEqualTo("disk1.qcow2");
        assertThat(vm.get("disks").get(0).get("sourceFormat").asText()).isEqualTo("vmdk");
        assertThat(r.err()).as("progress bar on stderr").contains("[").contains("100%");

        JsonNode shown = new ObjectMapper().readTree(run("show", "router", "--json").out());
        assertThat(Path.of(shown.get("folder").asText()).resolve("disk1.qcow2")).isRegularFile();

        Path exported = dir.resolve("router.ova");
        Result ex = run("export", "router", exported.toString());
        assertThat(ex.code()).as(ex.err()).isZero();
        assertThat(ex.out()).contains("Exported VM 'router'");
        assertThat(exported).isRegularFile();

        Result again = run("import", exported.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Created VM 'router (2)'");
        JsonNode second = new ObjectMapper().readTree(run("show", "router (2)", "--json").out());
        assertThat(second.get("definition").get("cpus")).isEqualTo(shown.get("definition").get("cpus"));
        assertThat(second.get("definition").get("memoryMiB")).isEqualTo(shown.get("definition").get("memoryMiB"));

        assertThat(run("export", "router", exported.toString()).code()).as("never overwrites").isEqualTo(ExitCodes.ERROR);
    }

    @Test
    void refusalsHaveTheirExitCodesAndNameTheFile() throws Exception {
        Result missing = run("import", dir.resolve("nope.ova").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("nope.ova");

        Path bad = Files.writeString(dir.resolve("bad.ovf"), "<Envelope xmlns='http://schemas.dmtf.org/ovf/envelope/1'/>");
        Result refused = run("import", bad.toString());
        assertThat(refused.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(refused.err()).contains("bad.ovf").contains("VirtualSystem");

        Path src = Files.createDirectories(dir.resolve("nodisk"));
        Path ovf = Files.copy(ImportFixtures.corpusRoot().resolve("ovf/vmware-ovftool-4.0-ttylinux.ovf"), src.resolve("t.ovf"));
        Result noDisk = run("import", ovf.toString());
        assertThat(noDisk.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(noDisk.err()).contains("was not found");
        Result dropped = run("import", ovf.toString(), "--drop-missing-disks");
        assertThat(dropped.code()).as(dropped.err()).isZero();
        assertThat(dropped.out()).contains("dropped").contains("image is missing");

        assertThat(run("export", "no such vm", dir.resolve("x.ova").toString()).code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run("import", ovf.toString(), ovf.toString(), "--name", "x").code()).isEqualTo(ExitCodes.USAGE);
    }
}
