package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.gui.prefs.CloseBehaviour;
import org.vmstation.app.gui.prefs.HostKey;
import org.vmstation.app.gui.prefs.OpenLibrary;
import org.vmstation.app.gui.prefs.Preferences;
import org.vmstation.app.gui.prefs.PreferencesStore;
import org.vmstation.app.gui.prefs.Theme;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.library.VmLibrary;

/** Edit › Preferences on the real window: a change is saved to the per-user file and applied to the open window. */
@Tag("gui")
class PreferencesWindowTest extends FxRobot {
    @TempDir Path dir;
    private VmLibrary library;
    private MainWindow window;
    private ThreadPoolTaskExecutor executor;
    private PreferencesStore store;

    @BeforeEach
    void open() throws Exception {
        library = VmLibrary.open(dir.resolve("lib").resolve("library.db"));
        library.add(TestVms.vm(dir.resolve("disks"), "Web server", "debian", List.of("prod"), "nginx"));
        executor = new ThreadPoolTaskExecutor();
        AppServices services = new AppServices(library, new RecordingHost(dir.resolve("run")), executor, QemuImgDisks.onPath());
        // as if started with --library: the open library is none of those the environment, preferences or default name
        store = new PreferencesStore(dir.resolve("config").resolve(PreferencesStore.FILE_NAME)).withOpenLibrary(
                OpenLibrary.of(library.databaseFile(), Preferences.DEFAULTS, java.util.Map.of(), dir.resolve("default/library.db")));
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            window = WorkstationApp.open(stage, services, socket -> { throw new UnsupportedOperationException("no console here"); });
            window.usePreferences(store);
        });
        waitFor(() -> window.library().allItems().size() == 1);
    }

    @AfterEach
    void close() throws Exception {
        TestWindows.closeAll(window);
        executor.close();
        library.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    private boolean rootIsDark() { return window.stage().getScene().getRoot().getStyleClass().contains("dark"); }

    @Test
    void aChangedPreferenceIsSavedAndApplied() throws Exception {
        assertThat(rootIsDark()).isFalse(); // this machine's desktop (Xvfb, no GNOME) prefers light
        clickOn("Web server");
        press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        waitFor(() -> window.openPreferencesDialog() != null && lookup("#prefs-dialog").tryQuery().isPresent());
        // the library in use is named, and that the command line chose it, not the default location
        assertThat(lookup("#prefs-library-open").queryAs(Label.class).getText())
                .startsWith("Open now: " + library.databaseFile() + " (chosen with --library on the command line).");
        // the QEMU binary is checked with the real capability probe as the dialog opens
        waitFor(() -> lookup("#prefs-qemu-info").queryAs(Label.class).getText().startsWith("QEMU "));
        assertThat(lookup("#prefs-qemu-info").queryAs(Label.class).getText()).contains("qemu-system-x86_64", "accelerator");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(window.openPreferencesDialog().getDialogPane().getScene(), "preferences-general");

        // a wrong QEMU path is refused at once, naming the file
        Path notQemu = Files.writeString(dir.resolve("not-qemu.txt"), "text");
        clickOn("#prefs-qemu").write(notQemu.toString());
        try {
            waitFor(() -> lookup("#prefs-qemu-error").queryAs(Label.class).getText()
                    .equals("QEMU binary: " + notQemu + " is not executable by this user"));
        } catch (TimeoutException e) {
            throw new AssertionError("field '" + lookup("#prefs-qemu").queryTextInputControl().getText() + "', error '"
                    + lookup("#prefs-qemu-error").queryAs(Label.class).getText() + "'", e);
        }
        assertThat(lookup("#prefs-save").queryAs(Button.class).isDisabled()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(window.openPreferencesDialog().getDialogPane().getScene(), "preferences-qemu-refused");
        interact(() -> ((javafx.scene.control.TextField) lookup("#prefs-qemu").query()).clear());
        waitFor(() -> !lookup("#prefs-save").queryAs(Button.class).isDisabled());

        TabPane tabs = lookup("#prefs-tabs").queryAs(TabPane.class);
        interact(() -> tabs.getSelectionModel().select(1));
        clickOn("#prefs-host-key").clickOn(HostKey.CTRL_ALT_G.label());
        interact(() -> tabs.getSelectionModel().select(2));
        clickOn("#prefs-theme").clickOn(Theme.DARK.label());
        clickOn("#prefs-close").clickOn(CloseBehaviour.KEEP_RUNNING.label());
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Window");
        Screenshots.save(window.openPreferencesDialog().getDialogPane().getScene(), "preferences-window-tab");
        clickOn("#prefs-save");
        waitFor(() -> window.openPreferencesDialog() == null);

        // saved where the next start reads it
        String saved = Files.readString(store.file());
        assertThat(saved).contains("window.theme=dark", "console.host-key=ctrl-alt-g", "window.close=keep-running");
        assertThat(store.load().preferences().theme()).isEqualTo(Theme.DARK);
        // applied to the open window
        waitFor(this::rootIsDark);
        assertThat(window.preferences().get().closeBehaviour()).isEqualTo(CloseBehaviour.KEEP_RUNNING);
        assertThat(lookup("#console-host-key").queryAs(Label.class).getText()).isEqualTo("Host key: Ctrl+Alt+G (releases the mouse)");
        Screenshots.save(window.stage().getScene(), "main-window-dark");

        // and back to light, through the same dialog
        interact(window::openPreferences);
        waitFor(() -> window.openPreferencesDialog() != null);
        interact(() -> lookup("#prefs-tabs").queryAs(TabPane.class).getSelectionModel().select(2));
        clickOn("#prefs-theme").clickOn(Theme.LIGHT.label());
        waitFor(() -> !lookup("#prefs-save").queryAs(Button.class).isDisabled());
        clickOn("#prefs-save");
        waitFor(() -> !rootIsDark());
        assertThat(store.load().preferences().theme()).isEqualTo(Theme.LIGHT);
    }
}
