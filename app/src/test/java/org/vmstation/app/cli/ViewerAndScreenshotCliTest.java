package org.vmstation.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.cli.CliHarness.Result;

/** `vmstation viewer` and `vmstation screenshot` refuse what they cannot show, saying why, without opening a window. */
class ViewerAndScreenshotCliTest {
    @TempDir Path dir;

    Result run(String... args) {
        return CliHarness.run(dir.resolve("lib"), args);
    }

    @Test
    void stoppedVmHasNoScreenToShowOrCapture() {
        Result created = run("create", "quiet one", "--memory", "256M", "--disk-size", "16M");
        assertThat(created.code()).as(created.err()).isZero();
        Result viewer = run("viewer", "quiet one");
        assertThat(viewer.code()).isEqualTo(ExitCodes.WRONG_STATE);
        assertThat(viewer.err()).contains("'quiet one' is not running").contains("vmstation start");
        Result shot = run("screenshot", "quiet one", dir.resolve("s.png").toString());
        assertThat(shot.code()).isEqualTo(ExitCodes.WRONG_STATE);
        assertThat(dir.resolve("s.png")).doesNotExist();
        Result console = run("console", "quiet one");
        assertThat(console.code()).isEqualTo(ExitCodes.WRONG_STATE);
        assertThat(console.err()).contains("'quiet one' is not running").contains("vmstation start 'quiet one'");
        assertThat(run("console", "no such vm").code()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void badArgumentsAreNamed() {
        Result neither = run("viewer");
        assertThat(neither.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(neither.err()).contains("--socket");
        Result missing = run("viewer", "--socket", dir.resolve("nothing.sock").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("nothing.sock");
        Result notPng = run("screenshot", "whatever", dir.resolve("s.jpg").toString());
        assertThat(notPng.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(notPng.err()).contains("s.jpg").contains("PNG");
        Result unknown = run("screenshot", "no such vm", dir.resolve("s.png").toString());
        assertThat(unknown.code()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
