package org.vmstation.app.cli;

import org.vmstation.app.cli.CliHarness.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmstation power}'s foreground sources: refusals that need no guest (the replay itself is tested on a guest). */
class PowerCommandTest {
    @TempDir Path dir;

    Result run(String... args) {
        return CliHarness.run(dir.resolve("lib"), args);
    }

    @Test
    void followHostAndPlayAreOneOrTheOther() throws Exception {
        assertThat(run("create", "laptop", "--disk-size", "16M").code()).isZero();
        Path scenario = Files.writeString(dir.resolve("s.txt"), "0 charge=80\n5 ac=off\n");
        Result both = run("power", "laptop", "--follow-host", "--play", scenario.toString());
        assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("--follow-host", "--play", "mutually exclusive");
    }

    @Test
    void playingOnAStoppedVmIsRefused() throws Exception {
        assertThat(run("create", "laptop", "--disk-size", "16M", "--set", "power.enabled=true").code()).isZero();
        Path scenario = Files.writeString(dir.resolve("s.txt"), "0 charge=80\n5 ac=off\n");
        Result r = run("power", "laptop", "--play", scenario.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.WRONG_STATE);
        assertThat(r.err()).contains("VM 'laptop' is not running; start it first");
        Result help = run("power", "--help");
        assertThat(help.out()).contains("--follow-host", "--play=SCENARIO_FILE", "there is no daemon");
    }
}
