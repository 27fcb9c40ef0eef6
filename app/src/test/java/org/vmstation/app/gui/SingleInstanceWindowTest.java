package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.app.instance.InstanceServer;
import org.vmstation.app.instance.LaunchRequest;
import org.vmstation.app.instance.SingleInstance;
import org.vmstation.engine.library.VmLibrary;

/**
 * Two launches: the window is open and listening; a second {@code vmstation gui --start VM FILE} (a real second
 * JVM) hands its request over and exits 0, and the open window starts the VM and takes the file.
 */
@Tag("gui")
class SingleInstanceWindowTest extends FxRobot {
    @TempDir Path dir;

    @Test
    void secondLaunchPassesItsArgumentsToTheOpenWindowAndExits() throws Exception {
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "vmsgui"); // short: UNIX socket paths are limited
        Path libraryFile = dir.resolve("lib").resolve("library.db");
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        RecordingHost host = new RecordingHost(dir.resolve("run"));
        try (VmLibrary library = VmLibrary.open(libraryFile)) {
            library.add(TestVms.vm(dir.resolve("disks"), "Build box", "fedora", List.of(), ""));
            library.add(TestVms.vm(dir.resolve("disks"), "Web server", "debian", List.of(), ""));
            Path socket = runtime.resolve(SingleInstance.SOCKET_NAME);
            SingleInstance.Claim claim = SingleInstance.claim(socket, LaunchRequest.empty(), Duration.ofSeconds(5));
            assertThat(claim).isInstanceOf(SingleInstance.Primary.class);
            AppServices services = new AppServices(library, host, executor, QemuImgDisks.onPath());
            Stage stage = FxToolkit.registerPrimaryStage();
            MainWindow[] window = new MainWindow[1];
            try (InstanceServer server = ((SingleInstance.Primary) claim).server()) {
                FxToolkit.setupFixture(() -> {
                    window[0] = WorkstationApp.open(stage, services, s -> { throw new UnsupportedOperationException("no console here"); });
                    LaunchRequests requests = new LaunchRequests(window[0]);
                    server.setHandler(r -> Platform.runLater(() -> requests.handle(r)));
                });
                Path notes = Files.writeString(dir.resolve("notes.txt"), "not a virtual machine\n");

                Process second = secondLaunch(runtime, libraryFile, "--start", "Build box", notes.toString());
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("second launch exits").isTrue();
                String output = new String(second.getInputStream().readAllBytes());
                assertThat(second.exitValue()).as(output).isZero();
                assertThat(output).contains("already open");

                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> host.calls.contains("start Build box"));
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window[0].notifications().notifications().stream()
                        .anyMatch(n -> n.title().contains("notes.txt")));
                assertThat(stage.isShowing()).isTrue();
                assertThat(window[0].actions().selection()).singleElement().satisfies(i -> assertThat(i.name()).isEqualTo("Build box"));
                TabPane tabs = lookup("#details-tabs").queryAs(TabPane.class);
                assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Console");
                Screenshots.save(stage.getScene(), "single-instance-second-launch");
            } finally {
                FxToolkit.setupFixture(() -> {
                    if (window[0] != null) window[0].dispose();
                    for (Window w : List.copyOf(Window.getWindows())) if (w instanceof Stage s) s.hide();
                });
                executor.close();
            }
            assertThat(runtime.resolve(SingleInstance.SOCKET_NAME)).doesNotExist();
        }
    }

    /** {@code vmstation --library LIB gui ARGS...} in a fresh JVM with the same classpath. */
    private static Process secondLaunch(Path runtime, Path library, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.vmstation.app.Main", "--library", library.toString(), "gui"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("VMSTATION_RUNTIME_DIR", runtime.toString());
        return pb.start();
    }
}
