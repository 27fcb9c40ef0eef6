package org.vmstation.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.GuestSerial;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;
import org.vmstation.graphics.testcard.TestCard;
import org.vmstation.graphics.view.DisplayGeometry;
import org.vmstation.graphics.view.DisplayView;
import org.vmstation.graphics.view.ScalingMode;

/**
 * The window of {@code vmstation viewer NAME} on a running test guest: what the JavaFX scene renders is the
 * guest's test card, pixel for pixel at 1:1 and at a whole-number zoom.
 */
@Tag("gui")
@Tag("guest")
class ViewerWindowTest extends FxRobot {
    @TempDir Path dir;

    @Test
    void rendersTheGuestTestCard() throws Exception {
        GuestImage guest = TestGuest.image();
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "vmsview");
        try (VmLibrary library = VmLibrary.open(dir.resolve("library.db"))) {
            VmDefinition vm = library.add(VmDefinition.builder("Viewer guest").osType("linux").memoryMiB(256).cpus(1)
                    .kernelBoot(new KernelBoot(guest.kernelFor(false).toString(), guest.initrd().toString(),
                            GuestImageLocator.kernelCommandLine(List.of()) + " video=Virtual-1:640x480"))
                    .display(DisplaySpec.standard())
                    .serialConsole(true)
                    .build()).definition();
            LocalQemuHost host = new LocalQemuHost(new RuntimeDirectory(runtime), v -> library.vmFolder(v.id()),
                    () -> CapabilityProbe.probe(QemuBinaryLocator.locateQemu()), List.of(new org.vmstation.graphics.VncDisplayBackend()));
            Stage stage = FxToolkit.registerPrimaryStage();
            ConsoleWindow[] window = new ConsoleWindow[1];
            try {
                host.start(vm, StartOptions.defaults());
                FxToolkit.setupFixture(() -> {
                    window[0] = new ConsoleWindow(stage, vm.name(), host.paths(vm).vncSocket());
                    window[0].display().setScalingMode(ScalingMode.ONE_TO_ONE);
                    window[0].show();
                });
                assertThat(stage.getTitle()).contains("Viewer guest");
                DisplayView display = window[0].display();
                try (GuestSerial serial = new GuestSerial(host.paths(vm).serialSocket(), Duration.ofSeconds(30))) {
                    // The serial log holds the boot so far; the socket only what comes after connecting.
                    WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> Files.exists(host.paths(vm).serialLog())
                            && Files.readString(host.paths(vm).serialLog()).contains(GuestImageLocator.READY_MARKER));
                    serial.awaitShell(Duration.ofSeconds(90));
                    assertThat(serial.run("vmstation-testcard show", Duration.ofSeconds(90)))
                            .anyMatch(l -> l.startsWith("VMSTATION-TESTCARD shown 640x480"));

                    String diff = awaitCard(display, 1);
                    Files.createDirectories(Path.of("target"));
                    onFx(() -> pixels(stage.getScene().snapshot(null))).writePng(Path.of("target", "viewer-test-card.png"));
                    assertThat(diff).as("the scene shows the guest's test card at 1:1").isNull();

                    // 2:1 in a window big enough for it: every guest pixel becomes 2x2 scene pixels.
                    FxToolkit.setupFixture(() -> {
                        stage.setWidth(1400);
                        stage.setHeight(1100);
                        display.autoResizeProperty().set(false);
                        display.setScalingMode(ScalingMode.FIT_INTEGER);
                    });
                    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> display.geometry().scale()) == 2.0);
                    assertThat(awaitCard(display, 2)).as("the scene shows the test card at 2:1").isNull();
                }
            } finally {
                FxToolkit.setupFixture(() -> {
                    if (window[0] != null) window[0].close();
                    stage.hide();
                });
                if (host.status(vm).state().isActive()) host.powerOff(vm);
                host.close();
            }
        }
    }

    /** Waits until the display node's rendering shows the card; returns the last difference (null: none). */
    private String awaitCard(DisplayView display, int scale) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String diff;
        do {
            diff = onFx(() -> {
                DisplayGeometry g = display.geometry();
                if (g.guestWidth() != 640 || g.guestHeight() != 480) return "guest screen is " + g.guestWidth() + "x" + g.guestHeight();
                FramebufferSnapshot shot = pixels(display.snapshot(null, null));
                return TestCard.differences(shot, (int) g.offsetX(), (int) g.offsetY(), 640 * scale, 480 * scale, scale);
            });
            if (diff == null) return null;
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        Files.createDirectories(Path.of("target"));
        onFx(() -> pixels(display.snapshot(null, null))).writePng(Path.of("target", "viewer-display-" + scale + "x.png"));
        return diff;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }

    private static FramebufferSnapshot pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new FramebufferSnapshot(w, h, argb);
    }
}
