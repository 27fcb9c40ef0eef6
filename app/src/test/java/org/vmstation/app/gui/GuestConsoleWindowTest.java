package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.image.PixelReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.graphics.VncDisplayBackend;
import org.vmstation.graphics.view.DisplayView;

/** Starts the demo guest from the window with the real local host and sees its screen in the console tab. */
@Tag("gui")
@Tag("guest")
class GuestConsoleWindowTest extends FxRobot {
    @TempDir Path dir;

    @Test
    void startFromToolbarShowsTheGuestScreenThenPowerOff() throws Exception {
        GuestImage guest = TestGuest.image();
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "vmsgui");
        try (VmLibrary library = VmLibrary.open(dir.resolve("library.db"))) {
            VmDefinition demo = VmDefinition.builder("Demo guest").osType("linux").memoryMiB(256).cpus(1)
                    .kernelBoot(new KernelBoot(guest.kernelFor(false).toString(), guest.initrd().toString(), "console=ttyS0"))
                    .build();
            library.add(demo);
            LocalQemuHost host = new LocalQemuHost(new RuntimeDirectory(runtime), vm -> library.vmFolder(vm.id()),
                    () -> CapabilityProbe.probe(QemuBinaryLocator.locateQemu()), List.of(new VncDisplayBackend()));
            ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
            AppServices services = new AppServices(library, host, executor, QemuImgDisks.onPath());
            MainWindow window = TestWindows.open(services, Consoles.defaultProvider());
            try {
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.library().allItems().size() == 1);
                clickOn("Demo guest");
                Button start = lookup("#tool-start").queryAs(Button.class);
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !start.isDisabled());
                clickOn(start);
                VmItem item = window.library().allItems().getFirst();
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> item.state() == VmState.RUNNING);
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> lookup("#console-display").tryQuery().isPresent());
                // Start switched to the console tab by itself, and the screen has the keyboard
                TabPane tabs = lookup("#details-tabs").queryAs(TabPane.class);
                assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Console");
                DisplayView display = lookup("#console-display").queryAs(DisplayView.class);
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, display::isFocused);
                WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> nonBlackPixels(display) > 100);
                Screenshots.save(window.stage().getScene(), "console-running-guest");
                // the library list shows a live thumbnail of the running VM's screen
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> nonBlackPixels(window.thumbnails(), item.id()) > 20);
                assertThat(lookup("#thumbnail-" + item.id()).tryQuery()).isPresent();
                Screenshots.save(window.stage().getScene(), "library-live-thumbnail");
                clickOn("#tool-power_off");
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> item.state() == VmState.STOPPED);
                assertThat(host.status(demo).state()).isEqualTo(VmState.STOPPED);
            } finally {
                if (host.status(demo).state().isActive()) host.powerOff(demo);
                TestWindows.closeAll(window);
                executor.close();
                host.close();
            }
        }
    }

    private static int nonBlackPixels(DisplayView view) throws Exception {
        return nonBlackPixels(view::currentImage);
    }

    private static int nonBlackPixels(org.vmstation.app.gui.view.LiveThumbnails thumbnails, String vmId) throws Exception {
        return nonBlackPixels(() -> thumbnails.imageOf(vmId));
    }

    /** Samples every 4th pixel of the image on the FX thread. */
    private static int nonBlackPixels(java.util.function.Supplier<javafx.scene.image.Image> image) throws Exception {
        CompletableFuture<Integer> count = new CompletableFuture<>();
        Platform.runLater(() -> {
            javafx.scene.image.Image img = image.get();
            int n = 0;
            if (img != null) {
                PixelReader r = img.getPixelReader();
                for (int y = 0; y < img.getHeight(); y += 4) {
                    for (int x = 0; x < img.getWidth(); x += 4) if ((r.getArgb(x, y) & 0xFFFFFF) != 0) n++;
                }
            }
            count.complete(n);
        });
        return count.get(5, TimeUnit.SECONDS);
    }
}
