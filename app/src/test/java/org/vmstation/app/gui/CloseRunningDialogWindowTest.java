package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
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
import org.vmstation.app.gui.prefs.CloseQuestion;
import org.vmstation.app.gui.prefs.Preferences;
import org.vmstation.app.gui.prefs.PreferencesStore;
import org.vmstation.app.gui.view.CloseRunningDialog;

/** The close-while-running question on screen: the button pressed is the answer, and a ticked box saves it. */
@Tag("gui")
class CloseRunningDialogWindowTest extends FxRobot {
    @TempDir Path dir;
    private Stage owner;
    private PreferencesStore store;
    private final List<Preferences> applied = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        store = new PreferencesStore(dir.resolve("config").resolve(PreferencesStore.FILE_NAME));
        owner = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
            s.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> { for (Window w : List.copyOf(Window.getWindows())) if (w instanceof Stage s && s != owner) s.hide(); });
    }

    private AtomicReference<CloseRunningDialog.Choice> ask(List<String> names) throws Exception {
        AtomicReference<CloseRunningDialog.Choice> answer = new AtomicReference<>();
        CloseQuestion question = new CloseQuestion(store, applied::add);
        Platform.runLater(() -> answer.set(CloseRunningDialog.ask(owner, names, question)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#close-remember").tryQuery()
                .filter(n -> n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing())
                .isPresent());
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // the window manager-less Xvfb maps the new window
        WaitForAsyncUtils.waitForFxEvents();
        return answer;
    }

    @Test
    void aTickedBoxSavesThePressedAnswerAsTheCloseBehaviour() throws Exception {
        var answer = ask(List.of("Web server", "Build box"));
        assertThat(lookup(".header-panel .label").queryLabeled().getText()).isEqualTo("2 VMs are still running");
        clickOn("#close-remember");
        clickOn("Pause them");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> answer.get() != null);
        assertThat(answer.get()).isEqualTo(CloseRunningDialog.Choice.SUSPEND);
        assertThat(store.load().preferences().closeBehaviour()).isEqualTo(CloseBehaviour.SUSPEND);
        assertThat(applied).singleElement().extracting(Preferences::closeBehaviour).isEqualTo(CloseBehaviour.SUSPEND);
    }

    @Test
    void withoutTheBoxTheAnswerIsForThisCloseOnly() throws Exception {
        var answer = ask(List.of("Web server"));
        assertThat(lookup(".header-panel .label").queryLabeled().getText()).isEqualTo("Web server is still running");
        clickOn("Shut them down");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> answer.get() != null);
        assertThat(answer.get()).isEqualTo(CloseRunningDialog.Choice.SHUT_DOWN);
        assertThat(store.file()).doesNotExist();
        assertThat(applied).isEmpty();
    }

    @Test
    void cancellingIsNeverRememberedEvenWithTheBoxTicked() throws Exception {
        var answer = ask(List.of("Web server"));
        clickOn("#close-remember");
        clickOn("Cancel");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> answer.get() != null);
        assertThat(answer.get()).isEqualTo(CloseRunningDialog.Choice.CANCEL);
        assertThat(store.file()).doesNotExist();
    }
}
