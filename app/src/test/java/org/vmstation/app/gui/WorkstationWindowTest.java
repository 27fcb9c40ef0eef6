package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.app.gui.view.NewVmWizard;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.runtime.VmState;

/** Opens the real window on a real temporary library and drives it like a user. */
@Tag("gui")
class WorkstationWindowTest extends FxRobot {
    @TempDir Path dir;
    private WindowOnRecordingHost app;
    private VmLibrary library;
    private RecordingHost host;
    private MainWindow window;

    @BeforeEach
    void open() throws Exception {
        app = WindowOnRecordingHost.open(dir,
                TestVms.vm(dir.resolve("disks"), "Web server", "debian", List.of("prod"), "nginx in front of the shop"),
                TestVms.vm(dir.resolve("disks"), "Build box", "fedora", List.of("ci"), ""),
                TestVms.vm(dir.resolve("disks"), "Windows desktop", "windows11", List.of(), "Office and games"));
        library = app.library;
        host = app.host;
        window = app.window;
        waitFor(() -> list().getItems().size() == 3);
    }

    @AfterEach
    void close() throws Exception {
        app.close();
    }

    @SuppressWarnings("unchecked")
    private ListView<VmItem> list() { return (ListView<VmItem>) lookup("#library-list").queryAs(ListView.class); }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, condition);
    }

    private List<String> shownNames() { return list().getItems().stream().map(VmItem::name).toList(); }

    private Button tool(String id) { return lookup("#tool-" + id).queryAs(Button.class); }

    @Test
    void searchFiltersTheListAsYouType() throws Exception {
        Screenshots.save(window.stage().getScene(), "main-window");
        clickOn("#library-search").write("nginx");
        waitFor(() -> shownNames().equals(List.of("Web server")));
        Screenshots.save(window.stage().getScene(), "main-window-search");
        interact(() -> lookup("#library-search").queryAs(TextField.class).clear());
        write("ci");
        waitFor(() -> shownNames().equals(List.of("Build box")));
        interact(() -> lookup("#library-search").queryAs(TextField.class).clear());
        waitFor(() -> shownNames().size() == 3);
    }

    @Test
    void actionsFollowTheSelectionAndState() throws Exception {
        assertThat(tool("start").isDisabled()).isTrue();
        clickOn("Build box");
        waitFor(() -> !tool("start").isDisabled());
        assertThat(tool("pause").isDisabled()).isTrue();
        assertThat(tool("delete").isDisabled()).isFalse();
        assertThat(tool("settings").isDisabled()).isFalse();
        Screenshots.save(window.stage().getScene(), "main-window-selected");
        clickOn("#tool-start");
        waitFor(() -> host.calls.contains("start Build box"));
        waitFor(() -> !tool("pause").isDisabled() && tool("start").isDisabled() && tool("delete").isDisabled());
        assertThat(lookup("#details-state").queryLabeled().getText()).isEqualTo("Running");
        // multi-select a running and a stopped VM: start no longer applies to all of them
        press(KeyCode.CONTROL).clickOn("Web server").release(KeyCode.CONTROL);
        waitFor(() -> window.actions().selection().size() == 2);
        assertThat(tool("start").isDisabled()).isTrue();
        assertThat(tool("settings").isDisabled()).isTrue();
    }

    @Test
    void stateChangesFromElsewhereShowWithinASecond() throws Exception {
        VmItem web = window.library().allItems().stream().filter(i -> i.name().equals("Web server")).findFirst().orElseThrow();
        long t0 = System.nanoTime();
        host.states.put(web.id(), VmState.RUNNING); // as if the CLI started it
        WaitForAsyncUtils.waitFor(2, java.util.concurrent.TimeUnit.SECONDS, () -> web.state() == VmState.RUNNING);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void newVmWizardCreatesAVmInTheLibrary() throws Exception {
        clickOn("#tool-new");
        waitFor(() -> window.openWizard() != null && window.openWizard().isShowing());
        NewVmWizard wizard = window.openWizard();
        Screenshots.save(wizard.getDialogPane().getScene(), "wizard-1-name-os");
        TextField name = lookup("#wizard-name").queryAs(TextField.class);
        interact(name::clear);
        clickOn(name).write("Build box");
        waitFor(() -> lookup("#error-name").queryLabeled().isVisible());
        assertThat(lookup("#error-name").queryLabeled().getText()).contains("no other VM");
        assertThat(lookup("#wizard-create").queryAs(Button.class).isDisabled()).isTrue();
        interact(name::clear);
        clickOn(name).write("Test VM");
        waitFor(() -> !lookup("#wizard-create").queryAs(Button.class).isDisabled());
        for (int page = 2; page <= 5; page++) {
            clickOn("#wizard-next");
            Screenshots.save(wizard.getDialogPane().getScene(), "wizard-" + page);
        }
        clickOn("#wizard-create");
        waitFor(() -> library.findByName("Test VM").isPresent());
        waitFor(() -> !wizard.isShowing());
        waitFor(() -> shownNames().contains("Test VM"));
        assertThat(list().getSelectionModel().getSelectedItem().name()).isEqualTo("Test VM");
        Path disk = Path.of(library.findByName("Test VM").orElseThrow().definition().disks().getFirst().path());
        assertThat(disk).isRegularFile();
        Screenshots.save(window.stage().getScene(), "main-window-after-create");
    }

    @Test
    void deleteAsksAndRemovesTheVm() throws Exception {
        clickOn("Build box");
        waitFor(() -> !tool("delete").isDisabled());
        String id = window.actions().selection().getFirst().id();
        Path folder = library.vmFolder(id);
        clickOn("#tool-delete");
        waitFor(() -> lookup("#delete-dialog").tryQuery().isPresent());
        Node dialog = lookup("#delete-dialog").query();
        Screenshots.save(dialog.getScene(), "delete-dialog");
        clickOn("#delete-confirm");
        waitFor(() -> library.findById(id).isEmpty());
        waitFor(() -> !shownNames().contains("Build box"));
        assertThat(folder).doesNotExist();
    }

    @Test
    void settingsDialogShowsLockWhileRunning() throws Exception {
        clickOn("Windows desktop");
        waitFor(() -> !tool("start").isDisabled());
        clickOn("#tool-start");
        waitFor(() -> tool("start").isDisabled() && !tool("settings").isDisabled());
        clickOn("#tool-settings");
        waitFor(() -> lookup("#settings-dialog").tryQuery().isPresent());
        Node dialog = lookup("#settings-dialog").query();
        assertThat(lookup("#settings-lock").queryLabeled().isVisible()).isTrue();
        Screenshots.save(dialog.getScene(), "settings-running");
        TextField name = lookup("#settings-name").queryAs(TextField.class);
        interact(name::clear);
        clickOn(name).write("Windows 11 desktop");
        clickOn("#settings-save");
        waitFor(() -> library.findByName("Windows 11 desktop").isPresent());
        waitFor(() -> shownNames().contains("Windows 11 desktop"));
    }
}
