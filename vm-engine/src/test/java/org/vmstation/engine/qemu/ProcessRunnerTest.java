package org.vmstation.engine.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {
    @Test
    void collectsBothStreamsAndTheExitCode() throws Exception {
        var r = ProcessRunner.system().run(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.ok()).isFalse();
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() throws Exception {
        var r = ProcessRunner.system().run(List.of("/bin/echo", "$(id)", "a;b"), Duration.ofSeconds(10));
        assertThat(r.stdout()).isEqualTo("$(id) a;b\n");
    }

    @Test
    void aHangingCommandIsStoppedAtTheTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> ProcessRunner.system().run(List.of("/bin/sleep", "30"), Duration.ofMillis(300)))
                .isInstanceOf(IOException.class).hasMessageContaining("did not finish");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
