package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
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
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.LibraryCatalog;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.app.gui.view.NewVmWizard;
import org.vmstation.app.gui.wizard.NewVmWizardViewModel;
import org.vmstation.app.gui.wizard.OsChoice;
import org.vmstation.app.gui.wizard.OsPresets;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.osinfo.IsoImages;

/** The wizard's OS page in a real window: the osinfo list loads in the background, search, pick, detect an ISO. */
@Tag("gui")
class NewVmWizardOsTest extends FxRobot {
    @TempDir Path dir;
    private VmLibrary library;
    private ThreadPoolTaskExecutor executor;
    private NewVmWizardViewModel vm;
    private NewVmWizard wizard;

    @BeforeEach
    void open() throws Exception {
        library = VmLibrary.open(dir.resolve("lib").resolve("library.db"));
        executor = new ThreadPoolTaskExecutor();
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            Scene scene = new Scene(new StackPane(), 300, 200);
            scene.getStylesheets().add(MainWindow.class.getResource(MainWindow.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.show();
            vm = new NewVmWizardViewModel(new LibraryCatalog(library), QemuImgDisks.onPath(), executor, new NotificationCenter(),
                    OsPresets.bundled(), List.of(), 16384, 8);
            wizard = new NewVmWizard(stage, vm, () -> {});
            wizard.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> {
            for (Window w : List.copyOf(Window.getWindows())) if (w instanceof Stage s) s.hide();
        });
        executor.close();
        library.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    @SuppressWarnings("unchecked")
    private ListView<OsChoice> osList() { return (ListView<OsChoice>) lookup("#wizard-os-list").queryAs(ListView.class); }

    private String text(String id) { return lookup(id).queryAs(Label.class).getText(); }

    @Test
    void searchPickAndDetectFromAnIso() throws Exception {
        waitFor(() -> osList().getItems().size() > 500); // the osinfo database, loaded off the FX thread
        Screenshots.save(wizard.getDialogPane().getScene(), "wizard-os-1-loaded");

        clickOn("#wizard-os-search").write("debian");
        waitFor(() -> !osList().getItems().isEmpty() && osList().getItems().stream().allMatch(c -> c.label().contains("Debian")));
        assertThat(osList().getItems().getFirst().label()).as("newest first").isEqualTo("Debian 11");
        clickOn("Debian 11");
        waitFor(() -> vm.osProperty().get().key().equals("debian11"));
        assertThat(text("#wizard-os-defaults")).startsWith("Defaults for Debian 11: 1024 MiB, 2 CPUs, 20 GiB disk, UEFI");
        Screenshots.save(wizard.getDialogPane().getScene(), "wizard-os-2-debian");

        // another OS first, so the detection visibly changes the choice back
        interact(() -> lookup("#wizard-os-search").queryAs(TextField.class).clear());
        clickOn("#wizard-os-search").write("windows 11");
        waitFor(() -> osList().getItems().stream().anyMatch(c -> c.key().equals("win11")));
        clickOn("Microsoft Windows 11");
        waitFor(() -> vm.osProperty().get().key().equals("win11"));
        assertThat(vm.diskBusProperty().get()).isEqualTo(DiskBus.SATA);

        Path iso = IsoImages.make(dir, "debian-11.5.0-amd64-netinst.iso", "Debian 11.5.0 amd64 n", null);
        clickOn("#wizard-iso").write(iso.toString());
        waitFor(() -> text("#wizard-iso-detection").startsWith("Detected"));
        assertThat(text("#wizard-iso-detection")).isEqualTo("Detected Debian 11 from the ISO's volume id 'Debian 11.5.0 amd64 n'");
        waitFor(() -> osList().getSelectionModel().getSelectedItem() != null
                && osList().getSelectionModel().getSelectedItem().key().equals("debian11"));
        assertThat(lookup("#wizard-os-search").queryAs(TextField.class).getText()).as("search cleared to show the detected OS").isEmpty();
        assertThat(lookup("#wizard-iso-detection").queryAs(Label.class).isVisible()).isTrue();
        Screenshots.save(wizard.getDialogPane().getScene(), "wizard-os-3-iso-detected");

        clickOn("#wizard-next");
        @SuppressWarnings("unchecked") Spinner<Integer> memory = (Spinner<Integer>) lookup("#wizard-memory").queryAs(Spinner.class);
        assertThat(memory.getValue()).isEqualTo(1024);
        assertThat(vm.form().firmwareProperty().get()).isEqualTo(Firmware.UEFI);
        Screenshots.save(wizard.getDialogPane().getScene(), "wizard-os-4-hardware");
    }
}
