package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.DemoVm;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.library.VmLibrary;

/** First run: an empty library gets the demo VM (built in the background) and the window selects it. */
@Tag("gui")
class FirstRunWindowTest extends FxRobot {
    @TempDir Path dir;

    @Test
    void emptyLibraryGetsTheDemoVmSelectedAndADeletedDemoStaysDeleted() throws Exception {
        TestGuest.image(); // the recipe's guest, as a fresh machine's first run builds it
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        try (VmLibrary library = VmLibrary.open(dir.resolve("lib").resolve("library.db"))) {
            AppServices services = new AppServices(library, new RecordingHost(dir.resolve("run")), executor, QemuImgDisks.onPath());
            Stage stage = FxToolkit.registerPrimaryStage();
            MainWindow[] window = new MainWindow[1];
            FxToolkit.setupFixture(() -> {
                window[0] = WorkstationApp.open(stage, services, socket -> { throw new UnsupportedOperationException(); });
                DemoSetup.offerIfMissing(window[0], library);
            });
            try {
                @SuppressWarnings("unchecked")
                ListView<VmItem> list = (ListView<VmItem>) lookup("#library-list").queryAs(ListView.class);
                WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> list.getSelectionModel().getSelectedItem() != null);
                VmItem selected = list.getSelectionModel().getSelectedItem();
                assertThat(selected.definition().tags()).contains(DemoVm.TAG);
                assertThat(library.list()).singleElement().satisfies(e -> assertThat(e.definition().kernelBoot()).isNotNull());
                assertThat(lookup("#details-title").queryLabeled().getText()).isEqualTo(selected.name());
                assertThat(window[0].notifications().notifications()).anyMatch(n -> n.title().contains("demo VM is ready"));
                Screenshots.save(stage.getScene(), "first-run-demo-selected");

                // the user deletes the demo: a later window does not bring it back
                library.delete(selected.id());
                assertThat(DemoSetup.needsDemo(library)).isFalse();
                assertThat(library.root().resolve(DemoSetup.MARKER)).exists();
            } finally {
                FxToolkit.setupFixture(() -> {
                    window[0].dispose();
                    for (Window w : List.copyOf(Window.getWindows())) if (w instanceof Stage s) s.hide();
                });
                executor.close();
            }
        }
    }
}
