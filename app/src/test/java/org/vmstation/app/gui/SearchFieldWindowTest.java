package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.textfield.CustomTextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.library.VmLibrary;

/** The library's search field (ControlsFX CustomTextField): the magnifier inside it, its clear button, Escape. */
@Tag("gui")
class SearchFieldWindowTest extends FxRobot {
    @TempDir Path dir;
    private VmLibrary library;
    private MainWindow window;
    private ThreadPoolTaskExecutor executor;

    @BeforeEach
    void open() throws Exception {
        library = VmLibrary.open(dir.resolve("lib").resolve("library.db"));
        library.add(TestVms.vm(dir.resolve("disks"), "Web server", "debian", List.of("prod"), "nginx"));
        library.add(TestVms.vm(dir.resolve("disks"), "Build box", "fedora", List.of(), ""));
        executor = new ThreadPoolTaskExecutor();
        AppServices services = new AppServices(library, new RecordingHost(dir.resolve("run")), executor, QemuImgDisks.onPath());
        window = TestWindows.open(services, socket -> { throw new UnsupportedOperationException(); });
        waitFor(() -> window.library().allItems().size() == 2);
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

    private int shown() { return window.libraryView().list().getItems().size(); }

    @Test
    void typingFiltersTheClearButtonAndEscapeEmptyIt() throws Exception {
        TextField search = lookup("#library-search").queryAs(TextField.class);
        assertThat(search).isInstanceOf(CustomTextField.class);
        assertThat(((CustomTextField) search).getLeft().getStyleClass()).contains("icon");
        assertThat(search.getAccessibleText()).isEqualTo("Search virtual machines");
        Node clear = lookup("#library-search-clear").query();
        assertThat(clear.isVisible()).as("nothing to clear yet").isFalse();

        clickOn(search).write("nginx");
        waitFor(() -> shown() == 1);
        assertThat(clear.isVisible()).isTrue();
        assertThat(clear.getAccessibleText()).isEqualTo("Clear the search");
        Screenshots.save(window.stage().getScene(), "library-search-typed");
        clickOn(clear);
        waitFor(() -> shown() == 2);
        assertThat(search.getText()).isEmpty();
        assertThat(search.isFocused()).as("the field keeps the keyboard after clearing").isTrue();
        assertThat(clear.isVisible()).isFalse();

        write("build");
        waitFor(() -> shown() == 1);
        type(KeyCode.ESCAPE);
        waitFor(() -> shown() == 2);
        assertThat(search.getText()).isEmpty();
        assertThat(window.library().searchTextProperty().get()).isEmpty();
    }
}
