package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.settings.ThreeDProbeViewModel;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.graphics.gl.GlCapabilities;
import org.vmstation.graphics.gl.ThreeDDecision;
import org.vmstation.graphics.gl.ThreeDFallbackStarter;
import org.vmstation.graphics.gl.ThreeDMode;
import org.vmstation.graphics.gl.ThreeDModeResolver;

/**
 * A VM's 3-D setting, set to Off, Auto and On through the settings dialog, with this machine's real 3-D probe
 * (under Xvfb: no render node, QEMU's GTK GL window works on the virtual desktop), and what the window then says:
 * in the settings (each mode and why not) and in the console after a start (why the screen is in QEMU's window,
 * or what failed). Starts go to a recording host; the outcome is the real resolver's decision for the saved
 * setting on this probe, as ThreeDFallbackStarter returns it after a successful start. Booting QEMU with
 * gtk,gl=on is the graphics module's SeparateWindowGuestTest.
 */
@Tag("gui")
class ThreeDWindowTest extends FxRobot {
    @TempDir Path dir;
    private VmLibrary library;
    private MainWindow window;
    private ThreadPoolTaskExecutor executor;
    private RecordingHost host;
    private GlCapabilities caps;
    private final AtomicBoolean glFails = new AtomicBoolean();

    @BeforeEach
    void open() throws Exception {
        caps = ThreeDProbeViewModel.thisHost(null).call();
        library = VmLibrary.open(dir.resolve("lib").resolve("library.db"));
        library.add(TestVms.vm(dir.resolve("disks"), "gl box", "debian", List.of(), ""));
        executor = new ThreadPoolTaskExecutor();
        host = new RecordingHost(dir.resolve("run"));
        AppServices services = new AppServices(library, host, executor, QemuImgDisks.onPath(), vm -> {
            var status = host.start(vm, StartOptions.defaults());
            ThreeDDecision decision = ThreeDModeResolver.resolve(vm.display(), caps);
            if (glFails.get() && decision.accelerated()) {
                return new ThreeDFallbackStarter.Outcome(status, vm, new ThreeDDecision(ThreeDMode.OFF, "", "3-D is off", false), true,
                        "3-D acceleration (separate window, -display gtk,gl=on) failed to start: gtk initialization failed."
                                + " VMStation started VM '" + vm.name() + "' without 3-D.");
            }
            return new ThreeDFallbackStarter.Outcome(status, vm, decision, false, decision.settingUnmet() ? decision.explanation() : "");
        });
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> window = WorkstationApp.open(stage, services, socket -> new org.vmstation.app.gui.view.ConsoleProvider.Console() {
            private final javafx.scene.layout.Region view = new javafx.scene.layout.StackPane();
            @Override public javafx.scene.layout.Region view() { return view; }
            @Override public void close() {}
        }));
        waitFor(() -> window.library().allItems().size() == 1);
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.closeAll(window);
        executor.close();
        library.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    private VmItem vm() { return window.library().allItems().getFirst(); }

    private String text(String id) { return lookup(id).queryAs(Label.class).getText(); }

    /** Opens the VM's settings on the Display page, sets 3-D, checks what the page says, saves. */
    @SuppressWarnings("unchecked")
    private String setThreeD(DisplaySpec.Acceleration3d mode, String shot) throws Exception {
        clickOn("gl box");
        clickOn("#tool-settings");
        waitFor(() -> lookup("#settings-dialog").tryQuery().isPresent());
        TabPane tabs = lookup("#settings-dialog .tab-pane").queryAs(TabPane.class);
        interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Display")).findFirst().orElseThrow()));
        ChoiceBox<DisplaySpec.Acceleration3d> choice = lookup("#settings-3d").queryAs(ChoiceBox.class);
        interact(() -> choice.setValue(mode));
        waitFor(() -> lookup("#settings-3d-outcome").tryQuery().isPresent() && !text("#settings-3d-outcome").isEmpty());
        String outcome = text("#settings-3d-outcome");
        // every mode is listed with this host's reason
        Node embedded = lookup("#settings-3d-mode-embedded-in-the-console").query();
        assertThat(embedded.getAccessibleText()).isEqualTo("embedded in the console: "
                + (caps.availability(ThreeDMode.EMBEDDED).available() ? "available" : "unavailable") + ". "
                + caps.availability(ThreeDMode.EMBEDDED).explanation());
        assertThat(lookup("#settings-3d-mode-separate-window").query().getAccessibleText()).contains(
                caps.availability(ThreeDMode.SEPARATE_WINDOW).explanation());
        Screenshots.save(lookup("#settings-dialog").query().getScene(), shot);
        clickOn("#settings-save");
        waitFor(() -> lookup("#settings-dialog").tryQuery().isEmpty() && vm().definition().display().acceleration3d() == mode);
        return outcome;
    }

    private void startAndStop(Runnable whileRunning) throws Exception {
        clickOn("#tool-start");
        waitFor(() -> vm().state() == VmState.RUNNING);
        whileRunning.run();
        clickOn("#tool-power_off");
        waitFor(() -> vm().state() == VmState.STOPPED);
    }

    @Test
    void eachThreeDSettingSaysWhatItGivesOnThisMachine() throws Exception {
        // This machine: no /dev/dri, so embedded is unavailable with that reason; Xvfb gives QEMU a GL window
        assertThat(caps.availability(ThreeDMode.EMBEDDED).available()).isFalse();
        assertThat(caps.availability(ThreeDMode.EMBEDDED).explanation()).isEqualTo("no render node: this host has no GPU driver loaded");
        assertThat(caps.availability(ThreeDMode.SEPARATE_WINDOW).available()).isTrue();

        assertThat(setThreeD(DisplaySpec.Acceleration3d.OFF, "settings-3d-off")).isEqualTo("At the next start: 3-D is off in this VM's settings.");
        startAndStop(() -> assertThat(lookup("#console-3d-banner").query().isVisible()).isFalse());

        String auto = setThreeD(DisplaySpec.Acceleration3d.AUTO, "settings-3d-auto");
        assertThat(auto).startsWith("At the next start: Auto chose separate window, ").contains("no render node");
        startAndStop(() -> {
            try {
                waitFor(() -> lookup("#console-3d-banner").query().isVisible());
                assertThat(text("#console-3d-note")).startsWith("3-D is on: the screen of 'gl box' is in QEMU's own window \"QEMU (gl box)\".")
                        .contains("Auto chose separate window");
                Button show = lookup("#console-show-3d").queryAs(Button.class);
                assertThat(show.isVisible()).isTrue();
                Screenshots.save(window.stage().getScene(), "console-3d-separate-window");
                // the recording host runs no QEMU: the button says the window is not there, and where it looked
                clickOn(show);
                waitFor(() -> !window.detailsView().lastThreeDWindowResult().isEmpty());
                assertThat(window.detailsView().lastThreeDWindowResult())
                        .isEqualTo("QEMU's 3-D window \"QEMU (gl box)\" is not open on DISPLAY=" + System.getenv("DISPLAY")
                                + " (QEMU may still be starting, or the window was closed).");
                // a real X11 window with QEMU's title is found, raised and given the keyboard
                Stage[] qemuLike = new Stage[1];
                interact(() -> {
                    qemuLike[0] = new Stage();
                    qemuLike[0].setTitle("QEMU (gl box)");
                    qemuLike[0].setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
                    qemuLike[0].show();
                    window.stage().requestFocus();
                });
                clickOn(show);
                waitFor(() -> window.detailsView().lastThreeDWindowResult().startsWith("Brought"));
                assertThat(window.detailsView().lastThreeDWindowResult()).isEqualTo("Brought \"QEMU (gl box)\" to the front and gave it the keyboard.");
                waitFor(() -> qemuLike[0].isFocused());
                interact(qemuLike[0]::close);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(lookup("#console-3d-banner").query().isVisible()).isFalse();

        assertThat(setThreeD(DisplaySpec.Acceleration3d.ON, "settings-3d-on")).startsWith("At the next start: 3-D is on: separate window, ");

        // a GL backend that fails at start: the VM runs without 3-D and the console says what failed
        glFails.set(true);
        startAndStop(() -> {
            try {
                waitFor(() -> lookup("#console-3d-banner").query().isVisible());
                assertThat(text("#console-3d-note")).contains("failed to start: gtk initialization failed", "without 3-D");
                assertThat(lookup("#console-show-3d").query().isVisible()).isFalse();
                assertThat(lookup("#console-3d-banner").query().getStyleClass()).contains("failed");
                Screenshots.save(window.stage().getScene(), "console-3d-fallback");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
