package org.vmstation.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.cli.CliHarness.Result;

/** {@code vmstation usb} on this machine, which has no USB bus: clear answers, rules stored in the real library. */
class UsbCliTest {
    @TempDir Path dir;

    Result run(String... args) {
        return CliHarness.run(dir.resolve("lib"), args);
    }

    @Test
    void listSaysThereAreNoDevices() {
        Result r = run("usb", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("No USB devices found on this computer.");
    }

    @Test
    void rulesAreAddedShownAndRemoved() {
        assertThat(run("create", "desk", "--memory", "256M", "--disk-size", "16M").code()).isZero();
        assertThat(run("usb", "rules", "desk").out()).contains("VM 'desk' connects no USB devices at start.");

        Result added = run("usb", "rules", "desk", "--add", "0781:5567");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("connects at every start:").contains("0781:5567");
        assertThat(run("show", "desk", "--json").out()).contains("usb.rule.0");

        assertThat(run("usb", "rules", "desk", "--remove", "0781:5567").out()).contains("connects no USB devices");
        assertThat(run("usb", "rules", "desk", "--remove", "0781:5567").code()).isEqualTo(ExitCodes.NOT_FOUND);
        Result bad = run("usb", "rules", "desk", "--add", "sandisk");
        assertThat(bad.code()).isEqualTo(ExitCodes.NOT_FOUND); // not an id pair: looked up as a port, and there is none
        assertThat(bad.err()).contains("No USB devices found on this computer");
        Result badIds = run("usb", "rules", "desk", "--remove", "78:55");
        assertThat(badIds.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badIds.err()).contains("expected 4 hex digits");
    }

    @Test
    void attachAndDetachExplainWhatIsMissing() {
        assertThat(run("create", "desk", "--memory", "256M", "--disk-size", "16M").code()).isZero();
        Result attach = run("usb", "attach", "desk", "1-2");
        assertThat(attach.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(attach.err()).contains("No USB devices found on this computer, so none matches '1-2'");
        Result detach = run("usb", "detach", "nope", "1-2");
        assertThat(detach.code()).isEqualTo(ExitCodes.NOT_FOUND);
        Result help = run("usb", "--help");
        assertThat(help.out()).contains("attach").contains("detach").contains("rules").contains("list");
    }
}
