package org.vmstation.usb.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.qemu.DeviceProps;

/** Real QEMU (no guest): hot-plug through QMP with the same property builders, and our errors for bad requests. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RealQemuUsbHostTest {
    @TempDir Path dir;

    @Test
    void usbHostAtANonexistentBusPortFailsWithOurMessageAndLeavesNoSlot() throws Exception {
        try (PausedQemu qemu = new PausedQemu(dir)) {
            UsbHotplug hotplug = new UsbHotplug(Duration.ofMillis(800));
            DeviceProps props = UsbHostDeviceProps.byPort("usbhost-99-9", 99, "9");
            assertThatThrownBy(() -> hotplug.attach(qemu.control, props, "test stick (99-9)", "no node /dev/bus/usb/099"))
                    .isInstanceOf(UsbAttachException.class)
                    .hasMessage("cannot attach test stick (99-9): QEMU did not find it at host bus 99 port 9 within 800 ms"
                            + " — the device is unplugged, or QEMU cannot open it: no node /dev/bus/usb/099");
            // The empty slot was removed again: the same id can be used for the next try.
            assertThat(UsbHotplug.isAttached(qemu.control, "usbhost-99-9")).isFalse();
            assertThat(qemu.qmp.call("qom-list", java.util.Map.of("path", "/machine/peripheral")).toString())
                    .doesNotContain("usbhost-99-9");
        }
    }

    @Test
    void missingControllerIsExplained() throws Exception {
        try (PausedQemu qemu = new PausedQemu(dir)) {
            DeviceProps props = DeviceProps.of("usb-host").with("id", "h1").with("bus", "nope.0").with("vendorid", 1).with("productid", 1);
            assertThatThrownBy(() -> new UsbHotplug().attach(qemu.control, props, "stick", null))
                    .isInstanceOf(UsbAttachException.class)
                    .hasMessageContaining("the VM has no USB controller 'nope.0'");
        }
    }

    @Test
    void emulatedDevicesHotplugAttachAndDetach(@TempDir Path images) throws Exception {
        Path image = images.resolve("stick.img");
        try (var f = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            f.truncate(0);
            f.write(java.nio.ByteBuffer.allocate(1), 1024 * 1024 - 1);
        }
        try (PausedQemu qemu = new PausedQemu(dir, "-drive", EmulatedUsbDevices.storageDrive("stickdrive", image, false))) {
            UsbHotplug hotplug = new UsbHotplug();
            hotplug.attach(qemu.control, EmulatedUsbDevices.keyboard("kbd0"), "keyboard", null);
            hotplug.attach(qemu.control, EmulatedUsbDevices.tablet("tab0"), "tablet", null);
            hotplug.attach(qemu.control, EmulatedUsbDevices.storage("stick0", "stickdrive", true), "stick", null);
            assertThat(UsbHotplug.isAttached(qemu.control, "kbd0")).isTrue();
            assertThat(UsbHotplug.isAttached(qemu.control, "stick0")).isTrue();
            hotplug.detach(qemu.control, "kbd0", "keyboard");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (UsbHotplug.isAttached(qemu.control, "kbd0") && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(UsbHotplug.isAttached(qemu.control, "kbd0")).isFalse();
            // Detaching what is already gone is fine (VM stop races with a user's click).
            hotplug.detach(qemu.control, "never-there", "ghost");
        }
        assertThat(Files.exists(image)).isTrue();
    }
}
