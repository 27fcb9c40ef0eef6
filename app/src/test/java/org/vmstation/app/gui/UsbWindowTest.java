package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.usb.host.HostIdentity;
import org.vmstation.usb.host.HostUsbBackend;
import org.vmstation.usb.host.UsbAccess;
import org.vmstation.usb.host.UsbDevice;
import org.vmstation.usb.host.UsbHotplugListener;
import org.vmstation.usb.host.UsbSpeed;
import org.vmstation.usb.qemu.UsbHotplug;
import org.vmstation.usb.rules.UsbRules;
import org.vmstation.usb.service.UsbService;

/** The USB card and dialog in the real window: the empty state of a machine without USB, then two devices. */
@Tag("gui")
class UsbWindowTest extends FxRobot {
    @TempDir Path dir;

    @Test
    void usbCardShowsTheEmptyStateThenDevicesAndRemembersOne() throws Exception {
        List<UsbDevice> plugged = new CopyOnWriteArrayList<>();
        HostUsbBackend bus = new HostUsbBackend() {
            @Override public List<UsbDevice> enumerate() { return List.copyOf(plugged); }
            @Override public AutoCloseable watch(UsbHotplugListener listener) { return () -> {}; }
        };
        Path node = Files.createDirectories(dir.resolve("dev/001")).resolve("004");
        Files.writeString(node, "");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rw-rw-rw-"));
        UsbService usb = new UsbService(bus, new UsbAccess(dir.resolve("dev"), dir.resolve("group"), new HostIdentity("alice", 4242, Set.of(4242))),
                new UsbHotplug(Duration.ofMillis(300)));
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        try (VmLibrary library = VmLibrary.open(dir.resolve("lib").resolve("library.db"))) {
            library.add(TestVms.vm(dir.resolve("disks"), "Office desktop", "windows11", List.of(), ""));
            RecordingHost host = new RecordingHost(dir.resolve("run"));
            usb.bind(host);
            AppServices services = new AppServices(library, host, executor, QemuImgDisks.onPath());
            Stage stage = FxToolkit.registerPrimaryStage();
            MainWindow[] window = new MainWindow[1];
            FxToolkit.setupFixture(() -> {
                window[0] = WorkstationApp.open(stage, services, s -> { throw new UnsupportedOperationException(); });
                window[0].enableUsb(usb);
            });
            try {
                @SuppressWarnings("unchecked")
                ListView<VmItem> list = (ListView<VmItem>) lookup("#library-list").queryAs(ListView.class);
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getItems().size() == 1);
                clickOn("Office desktop");
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#usb-card").tryQuery().isPresent());
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup("#usb-section-empty").queryLabeled().isVisible());
                assertThat(lookup("#usb-section-empty").queryLabeled().getText()).isEqualTo("No USB devices found on this computer");
                Screenshots.save(stage.getScene(), "usb-card-empty");

                plugged.add(new UsbDevice("1-2", 1, 4, 0x0781, 0x5567, "SanDisk", "Cruzer Blade", null, null, "4C53", UsbSpeed.HIGH, 0, List.of(8), List.of()));
                plugged.add(new UsbDevice("1-3", 1, 5, 0x1050, 0x0407, "Yubico", "YubiKey OTP+FIDO+CCID", null, null, null, UsbSpeed.FULL, 0, List.of(3), List.of()));
                interact(() -> window[0].usb().refresh());
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup("#usb-section-1-status").tryQuery().isPresent());
                assertThat(lookup("#usb-section-0-status").queryLabeled().getText()).isEqualTo("Available");
                assertThat(lookup("#usb-section-1-status").queryLabeled().getText()).isEqualTo("No permission to use it");
                assertThat(lookup("#usb-section-0-action").queryButton().isDisabled()).isTrue(); // the VM is stopped
                Screenshots.save(stage.getScene(), "usb-card-devices");

                clickOn(lookup("#usb-section-0-remember").queryAs(CheckBox.class));
                String id = list.getItems().getFirst().id();
                try {
                    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !UsbRules.of(library.get(id).definition()).isEmpty());
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("no rule saved; checkbox selected=" + lookup("#usb-section-0-remember").queryAs(CheckBox.class).isSelected()
                            + ", notifications=" + window[0].notifications().notifications(), e);
                }

                press(KeyCode.CONTROL, KeyCode.U).release(KeyCode.U, KeyCode.CONTROL);
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup("#usb-dialog").tryQuery().isPresent());
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup("#usb-dialog-0-remember").tryQuery().isPresent());
                assertThat(lookup("#usb-dialog-0-remember").queryAs(CheckBox.class).isSelected()).isTrue();
                Screenshots.save(lookup("#usb-dialog").query().getScene(), "usb-dialog");
            } finally {
                TestWindows.closeAll(window[0]);
                executor.close();
            }
        }
    }
}
