package org.vmstation.app.gui.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.vmstation.app.gui.AppServices;
import org.vmstation.app.gui.Consoles;
import org.vmstation.app.gui.Screenshots;
import org.vmstation.app.gui.TestWindows;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.service.QemuImgDisks;
import org.vmstation.app.gui.task.ThreadPoolTaskExecutor;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.GuestSerialLog;
import org.vmstation.engine.guest.SerialMarkerWatcher;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.GuestPowerProbe;
import org.vmstation.engine.power.HostPowerReader;
import org.vmstation.engine.power.PowerBackend;
import org.vmstation.engine.power.PowerSettings;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.graphics.VncDisplayBackend;

/**
 * What a new user does: start a laptop VM from the window, open its Power tab, pull the charger and close the
 * lid with the mouse, and see the guest react on its serial console (power_supply uevent, SW_LID input event).
 */
@Tag("gui")
@Tag("guest")
class PowerPanelWindowTest extends FxRobot {
    private static final Duration GUEST_REACTS = Duration.ofSeconds(10);
    @TempDir Path dir;

    @Test
    void pullingTheChargerAndClosingTheLidByClickingReachTheGuest() throws Exception {
        GuestImage guest = TestGuest.image();
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "vmspwr");
        try (VmLibrary library = VmLibrary.open(dir.resolve("library.db"))) {
            VmDefinition laptop = VmDefinition.builder("Laptop guest").osType("linux").machineType("q35").memoryMiB(192).cpus(1)
                    .kernelBoot(new KernelBoot(guest.kernel().toString(), guest.initrd().toString(),
                            GuestImageLocator.kernelCommandLine(List.of("power"))))
                    .network(NetworkSpec.none()).serialConsole(true)
                    .setting(PowerSettings.ENABLED, "true").setting(PowerSettings.SOURCE, "manual").build();
            library.add(laptop);
            LocalQemuHost host = new LocalQemuHost(new RuntimeDirectory(runtime), vm -> library.vmFolder(vm.id()),
                    () -> CapabilityProbe.probe(QemuBinaryLocator.locateQemu()),
                    List.of(new VncDisplayBackend(), new PowerBackend(new HostPowerReader(dir.resolve("no-host-battery")))));
            ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
            AppServices services = new AppServices(library, host, executor, QemuImgDisks.onPath());
            MainWindow window = TestWindows.open(services, Consoles.defaultProvider());
            try {
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.library().allItems().size() == 1);
                VmItem item = window.library().allItems().getFirst();
                clickOn("Laptop guest");
                Button start = lookup("#tool-start").queryAs(Button.class);
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !start.isDisabled());
                Files.createDirectories(host.paths(laptop).logsDir());
                Files.writeString(host.paths(laptop).serialLog(), "");
                try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(host.paths(laptop).serialLog(), GuestImageLocator.READY_MARKER)) {
                    clickOn(start);
                    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> item.state() == VmState.RUNNING);
                    ready.future().get(180, TimeUnit.SECONDS);
                }
                GuestSerialLog serial = new GuestSerialLog(host.paths(laptop).serialSocket(), host.paths(laptop).serialLog());
                GuestPowerProbe.arm(serial);

                clickOn(lookup("#power-tab").tryQuery().isPresent() ? "#power-tab" : "Power");
                CheckBox charger = lookup("#power-ac").queryAs(CheckBox.class);
                CheckBox lid = lookup("#power-lid").queryAs(CheckBox.class);
                Label lastChange = lookup("#power-last-change").queryAs(Label.class);
                WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !charger.isDisabled() && charger.isSelected());
                assertThat(lookup("#power-battery").queryAs(Label.class).getText()).startsWith("80 % · charging");
                assertThat(lookup("#power-events").queryAs(Label.class).getText()).startsWith("Changes reach the guest at once");

                long from = serial.position();
                clickOn(charger);
                assertThat(serial.await(from, GUEST_REACTS, l -> l.contains("uevent change ADP0 online=0")))
                        .as("the guest's kernel announces the adapter went offline; its console:\n%s", serial.tail()).isNotNull();
                WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !lid.isDisabled());
                assertThat(lastChange.getText()).isEqualTo("Charger pulled: the guest was notified.");

                from = serial.position();
                clickOn(lid);
                assertThat(serial.await(from, GUEST_REACTS, l -> l.contains("input Lid_Switch type=5 code=0 value=1")))
                        .as("the guest's lid switch reports closed (SW_LID=1); its console:\n%s", serial.tail()).isNotNull();
                WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lastChange.getText().equals("Lid closed: the guest was notified."));

                // the panel shows what the guest's region holds now, read back every second
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !charger.isSelected() && lid.isSelected()
                        && lookup("#power-battery").queryAs(Label.class).getText().contains("discharging"));
                assertThat(lastChange.getStyle()).doesNotContain("danger");
                Path shot = Screenshots.save(window.stage().getScene(), "power-panel");
                assertThat(shot).isNotEmptyFile();
            } finally {
                if (host.status(laptop).state().isActive()) host.powerOff(laptop);
                TestWindows.closeAll(window);
                executor.close();
                host.close();
            }
        }
    }
}
