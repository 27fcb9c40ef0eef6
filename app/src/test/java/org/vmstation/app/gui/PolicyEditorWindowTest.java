package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.EngineContext;
import org.vmstation.app.gui.policy.LogRow;
import org.vmstation.app.gui.policy.TargetKind;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.app.gui.view.PolicyEditorInstaller;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.host.HostStates;
import org.vmstation.engine.power.host.SettableHostPower;
import org.vmstation.engine.power.policy.PolicyRuleStore;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmState;

/**
 * Preferences › Power policy in the real window over a real library and QEMU: add a rule in the editor (it is
 * saved to the rules file), let the (test) host battery go on battery, see the pause in the log with the real VM
 * paused, and Undo it. The test guest only needs to run (it is not waited for).
 */
@Tag("gui")
@Tag("guest")
class PolicyEditorWindowTest extends FxRobot {
    @TempDir Path dir;

    @Test
    void addARuleThenAHostChangeShowsAndUndoesTheAction() throws Exception {
        Path db = Files.createDirectories(dir.resolve("library")).resolve("library.db");
        SettableHostPower battery = new SettableHostPower(HostStates.onAc(90));
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        try (EngineContext engine = EngineContext.open(db)) {
            GuestImage guest = TestGuest.image();
            VmDefinition vm = engine.library().add(VmDefinition.builder("tiny").osType("linux").memoryMiB(128).cpus(1)
                    .kernelBoot(new KernelBoot(guest.kernel().toString(), guest.initrd().toString(), GuestImageLocator.kernelCommandLine(List.of())))
                    .network(NetworkSpec.none()).build()).definition();
            engine.host().start(vm, StartOptions.defaults());
            AppServices services = new AppServices(engine.library(), engine.host(), executor, QemuImgDisks.onPath());
            Stage stage = FxToolkit.registerPrimaryStage();
            MainWindow[] window = new MainWindow[1];
            PolicyRuleStore store = PolicyRuleStore.besideLibrary(db);
            FxToolkit.setupFixture(() -> {
                window[0] = WorkstationApp.open(stage, services, s -> { throw new UnsupportedOperationException(); });
                PolicyEditorInstaller.install(window[0], store, () -> battery);
            });
            try {
                // the policy starts in the background; its tab joins Preferences once it runs
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
                    interact(() -> { if (window[0].openPreferencesDialog() == null) window[0].openPreferences(); });
                    TabPane tabs = window[0].openPreferencesDialog().tabs();
                    boolean present = tabs.getTabs().stream().anyMatch(t -> "Power policy".equals(t.getText()));
                    if (!present) interact(() -> window[0].openPreferencesDialog().close());
                    return present;
                });
                TabPane tabs = window[0].openPreferencesDialog().tabs();
                interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "Power policy".equals(t.getText())).findFirst().orElseThrow()));

                clickOn("#policy-add");
                @SuppressWarnings("unchecked")
                ComboBox<TargetKind> target = lookup("#policy-target").queryAs(ComboBox.class);
                interact(() -> target.getSelectionModel().select(TargetKind.ALL_RUNNING));
                clickOn("#policy-save-rule");
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> store.load().size() == 1
                        && store.load().getFirst().describe().equals("On battery: pause all running VMs"));
                @SuppressWarnings("unchecked")
                ListView<Object> rules = lookup("#policy-rules").queryAs(ListView.class);
                assertThat(rules.getItems()).hasSize(1);

                battery.set(HostStates.onBattery(64));
                @SuppressWarnings("unchecked")
                ListView<LogRow> log = lookup("#policy-log").queryAs(ListView.class);
                WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !log.getItems().isEmpty());
                assertThat(log.getItems().getFirst().text()).contains("pause 'tiny' — on battery (on battery, 64 %").endsWith("in force");
                assertThat(engine.host().status(vm).state()).isEqualTo(VmState.PAUSED);
                assertThat(lookup("#policy-host").queryLabeled().getText()).startsWith("This computer: on battery, 64 %");
                Screenshots.save(window[0].openPreferencesDialog().getDialogPane().getScene(), "power-policy-editor");

                interact(() -> log.getSelectionModel().select(0));
                clickOn("#policy-undo");
                WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> engine.host().status(vm).state() == VmState.RUNNING);
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> log.getItems().getFirst().status().equals("undone"));
                assertThat(lookup("#policy-undo").queryButton().isDisabled()).isTrue();
            } finally {
                FxToolkit.setupFixture(() -> {
                    for (Window w : List.copyOf(Window.getWindows())) if (w instanceof Stage s) s.hide();
                    window[0].dispose();
                });
                try { engine.host().powerOff(vm); } catch (Exception ignored) { /* cleanup */ }
                executor.close();
            }
        }
    }
}
