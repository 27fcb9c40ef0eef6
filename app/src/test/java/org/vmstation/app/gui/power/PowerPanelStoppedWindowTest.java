package org.vmstation.app.gui.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.gui.AppServices;
import org.vmstation.app.gui.Screenshots;
import org.vmstation.app.gui.TestWindows;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.PowerSettings;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmHost;
import org.vmstation.engine.runtime.VmRuntimePaths;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.engine.runtime.VmStatus;

/** The Power tab of a stopped VM without power devices: it says why nothing works and turns them on from the keyboard. */
@Tag("gui")
class PowerPanelStoppedWindowTest extends FxRobot {
    @TempDir Path dir;

    @Test
    void aStoppedDesktopSaysWhyAndGetsPowerDevicesForItsNextStart() throws Exception {
        try (VmLibrary library = VmLibrary.open(dir.resolve("library.db"))) {
            Path kernel = java.nio.file.Files.writeString(dir.resolve("vmlinuz"), "not a kernel");
            VmDefinition desk = library.add(VmDefinition.builder("Desk").osType("linux").memoryMiB(256).cpus(1)
                    .kernelBoot(new KernelBoot(kernel.toString(), null, "")).build()).definition();
            ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
            AppServices services = new AppServices(library, new StoppedHost(dir.resolve("run")), executor, QemuImgDisks.onPath());
            MainWindow window = TestWindows.open(services, socket -> {
                throw new UnsupportedOperationException("no console in this test");
            });
            try {
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.library().allItems().size() == 1);
                clickOn("Desk");
                clickOn(lookup("#power-tab").tryQuery().isPresent() ? "#power-tab" : "Power");
                Label why = lookup("#power-unavailable").queryAs(Label.class);
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !why.getText().isEmpty());
                assertThat(why.getText()).isEqualTo(PowerPanelViewModel.NO_DEVICES + " Give it laptop power devices, then start it.");
                assertThat(lookup("#power-ac").queryAs(CheckBox.class).isDisabled()).isTrue();
                assertThat(lookup("#power-press-power").queryAs(Button.class).isDisabled()).isTrue();
                assertThat(Screenshots.save(window.stage().getScene(), "power-panel-stopped")).isNotEmptyFile();

                Button enable = lookup("#power-enable").queryAs(Button.class);
                assertThat(enable.isVisible() && !enable.isDisabled() && enable.isFocusTraversable()).isTrue();
                interact(enable::requestFocus);
                type(KeyCode.SPACE);
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                        () -> "true".equals(library.findById(desk.id()).orElseThrow().definition().settings().get(PowerSettings.ENABLED)));
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> why.getText().equals(PowerPanelViewModel.NOT_RUNNING));
                assertThat(enable.isVisible()).isFalse();
                assertThat(window.libraryView().list().getSelectionModel().getSelectedItems()).as("Desk stays selected")
                        .extracting(i -> i.name()).containsExactly("Desk");
                Label saved = lookup("#power-last-change").queryAs(Label.class);
                assertThat(saved.getText()).isEqualTo("Saved: the battery, charger and lid appear when the VM starts.");
            } finally {
                TestWindows.closeAll(window);
                executor.close();
            }
        }
    }

    /** Every VM is stopped; nothing here starts one. */
    private record StoppedHost(Path runtime) implements VmHost {
        @Override public String displayName() { return "This computer"; }
        @Override public VmStatus status(VmDefinition vm) {
            return new VmStatus(vm.id(), VmState.STOPPED, -1, Instant.now(), "", List.of());
        }
        @Override public VmStatus start(VmDefinition vm, StartOptions options) { throw new UnsupportedOperationException(); }
        @Override public void pause(VmDefinition vm) { throw new UnsupportedOperationException(); }
        @Override public void resume(VmDefinition vm) { throw new UnsupportedOperationException(); }
        @Override public void reset(VmDefinition vm) { throw new UnsupportedOperationException(); }
        @Override public boolean shutdown(VmDefinition vm, Duration timeout) { throw new UnsupportedOperationException(); }
        @Override public void powerOff(VmDefinition vm) { throw new UnsupportedOperationException(); }
        @Override public VmRuntimePaths paths(VmDefinition vm) {
            return new VmRuntimePaths(runtime.resolve(vm.id()), runtime.resolve("vms").resolve(vm.id()));
        }
        @Override public <T> T withControl(VmDefinition vm, ControlAction<T> command) { throw new UnsupportedOperationException(); }
        @Override public AutoCloseable watch(Consumer<VmStatus> listener) { return () -> { }; }
    }
}
