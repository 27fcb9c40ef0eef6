package org.vmstation.app.gui.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmstation.app.gui.e2e.WindowOnTempLibrary.waitFor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.vmstation.app.cli.CliRunner;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;

/**
 * {@code vmstation start} run against the library the window shows: the window lists the VM as running within a
 * second of the command returning, with no refresh. The command runs in this process but opens its own engine
 * (its own library connection and host), as a separate process would.
 */
@Tag("gui")
@Tag("guest")
class CliStartSeenByWindowTest extends FxRobot {
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    @TempDir Path dir;

    @Test
    void vmStartedFromTheCommandLineShowsAsRunningWithinASecond() throws Exception {
        GuestImage guest = TestGuest.image();
        try (WindowOnTempLibrary app = WindowOnTempLibrary.open(dir)) {
            VmDefinition vm = VmDefinition.builder("CLI guest").osType("linux").memoryMiB(256).cpus(1)
                    .kernelBoot(new KernelBoot(guest.kernelFor(false).toString(), guest.initrd().toString(),
                            GuestImageLocator.kernelCommandLine(List.of())))
                    .build();
            try {
                app.library().add(vm);
                waitFor(10, () -> app.item("CLI guest").isPresent());
                VmItem item = app.item("CLI guest").orElseThrow();
                assertThat(item.state()).isEqualTo(VmState.STOPPED);

                StringWriter out = new StringWriter(), err = new StringWriter();
                int code = CliRunner.run(new PrintWriter(out, true), new PrintWriter(err, true),
                        "--library", app.libraryPath.toString(), "start", "CLI guest");
                long returned = System.nanoTime();
                assertThat(code).as("vmstation start: " + out + err).isZero();

                while (item.state() != VmState.RUNNING && System.nanoTime() - returned < DEADLINE.toNanos()) Thread.sleep(10);
                Duration seen = Duration.ofNanos(System.nanoTime() - returned);
                System.out.println("[e2e] window showed the CLI-started VM as " + item.state() + " after " + seen.toMillis() + " ms");
                assertThat(item.state()).as("state in the window %d ms after `vmstation start` returned", seen.toMillis())
                        .isEqualTo(VmState.RUNNING);
                assertThat(out.toString()).contains("CLI guest");

                // and the other way round: the CLI powers it off, the window follows
                assertThat(CliRunner.run(new PrintWriter(out, true), new PrintWriter(err, true),
                        "--library", app.libraryPath.toString(), "stop", "--force", "CLI guest")).as(out + "" + err).isZero();
                waitFor(5, () -> item.state() == VmState.STOPPED);
            } finally {
                app.powerOffIfRunning(vm);
            }
        }
    }
}
