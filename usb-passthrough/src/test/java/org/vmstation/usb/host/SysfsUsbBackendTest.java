package org.vmstation.usb.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsUsbBackendTest {
    static final String IDS = """
            # comment
            046d  Logitech, Inc.
            \tc52b  Unifying Receiver
            \t\t00  interface line, ignored
            0781  SanDisk Corp.
            \t5567  Cruzer Blade
            C 00  (Defined at Interface level)
            \t01  Audio
            """;

    @TempDir Path tmp;

    private UsbIds ids() throws Exception {
        return UsbIds.parse(new ByteArrayInputStream(IDS.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void enumeratesDevicesWithNamesSerialSpeedClassAndDrivers() throws Exception {
        FakeSysfs sys = new FakeSysfs(tmp);
        Path stick = sys.device("1-2.3", 1, 7, "0781", "5567", "480");
        FakeSysfs.write(stick, "serial", "4C530001");
        FakeSysfs.write(stick, "product", "Cruzer Blade");
        FakeSysfs.write(stick, "manufacturer", "SanDisk");
        sys.iface("1-2.3", "1.0", "08", "usb-storage");
        sys.device("1-10", 1, 3, "046d", "c52b", "12");
        sys.iface("1-10", "1.0", "03", "usbhid");
        sys.iface("1-10", "1.1", "03", "usbhid");
        sys.device("1-2", 1, 2, "abcd", "0001", "5000");

        List<UsbDevice> devices = new SysfsUsbBackend(sys.root, ids(), Duration.ofMillis(10)).enumerate();

        assertThat(devices).extracting(UsbDevice::portPath).containsExactly("1-2", "1-2.3", "1-10");
        UsbDevice stickDev = devices.get(1);
        assertThat(stickDev.ids()).isEqualTo("0781:5567");
        assertThat(stickDev.vendorName()).isEqualTo("SanDisk Corp.");
        assertThat(stickDev.productName()).isEqualTo("Cruzer Blade");
        assertThat(stickDev.serial()).isEqualTo("4C530001");
        assertThat(stickDev.speed()).isEqualTo(UsbSpeed.HIGH);
        assertThat(stickDev.interfaceClasses()).containsExactly(8);
        assertThat(stickDev.drivers()).containsExactly("usb-storage");
        assertThat(stickDev.hostPort()).isEqualTo("2.3");
        assertThat(stickDev.devNode()).isEqualTo("/dev/bus/usb/001/007");
        assertThat(stickDev.displayName()).isEqualTo("SanDisk Cruzer Blade");

        UsbDevice receiver = devices.get(2);
        assertThat(receiver.displayName()).isEqualTo("Logitech, Inc. Unifying Receiver");
        assertThat(receiver.drivers()).containsExactly("usbhid");
        assertThat(receiver.interfaceClasses()).containsExactly(3, 3);
        assertThat(receiver.speed()).isEqualTo(UsbSpeed.FULL);
        assertThat(receiver.serial()).isNull();

        assertThat(devices.get(0).displayName()).isEqualTo("USB device abcd:0001");
        assertThat(devices.get(0).speed()).isEqualTo(UsbSpeed.SUPER);
    }

    @Test
    void missingSysfsMeansNoDevices() throws Exception {
        assertThat(new SysfsUsbBackend(tmp.resolve("nothing"), UsbIds.empty(), Duration.ofMillis(10)).enumerate()).isEmpty();
    }

    @Test
    void malformedAttributeNamesTheFileAndTheExpectation() throws Exception {
        FakeSysfs sys = new FakeSysfs(tmp);
        sys.device("2-1", 2, 5, "zzzz", "0001", "480");
        assertThatThrownBy(() -> new SysfsUsbBackend(sys.root, UsbIds.empty(), Duration.ofMillis(10)).enumerate())
                .isInstanceOf(UsbHostException.class)
                .hasMessageContaining("2-1/idVendor is 'zzzz'")
                .hasMessageContaining("expected hexadecimal");
    }

    @Test
    void pollingWatcherReportsPresentPlugUnplugAndReplug() throws Exception {
        FakeSysfs sys = new FakeSysfs(tmp);
        sys.device("1-1", 1, 2, "0781", "5567", "480");
        SysfsUsbBackend backend = new SysfsUsbBackend(sys.root, UsbIds.empty(), Duration.ofMillis(10));
        List<String> events = new CopyOnWriteArrayList<>();
        UsbHotplugListener listener = new UsbHotplugListener() {
            public void plugged(UsbDevice d) { events.add("+" + d.portPath() + "@" + d.address()); }
            public void unplugged(UsbDevice d) { events.add("-" + d.portPath() + "@" + d.address()); }
        };
        try (AutoCloseable watch = backend.watch(listener)) {
            await(() -> events.contains("+1-1@2"));
            sys.device("1-4", 1, 3, "046d", "c52b", "12");
            await(() -> events.contains("+1-4@3"));
            sys.remove("1-1");
            await(() -> events.contains("-1-1@2"));
            // Replug into the same socket: new address.
            sys.remove("1-4");
            sys.device("1-4", 1, 9, "046d", "c52b", "12");
            await(() -> events.contains("+1-4@9"));
        }
        assertThat(events).containsSubsequence("+1-1@2", "+1-4@3", "-1-1@2", "-1-4@3", "+1-4@9");
    }

    @Test
    void usbIdsParserReadsVendorsAndProductsAndStopsAtClasses() throws Exception {
        UsbIds ids = ids();
        assertThat(ids.vendor(0x046d)).contains("Logitech, Inc.");
        assertThat(ids.product(0x046d, 0xc52b)).contains("Unifying Receiver");
        assertThat(ids.product(0x046d, 0x0001)).isEmpty();
        assertThat(ids.vendor(0x0000)).isEmpty();
        Path file = tmp.resolve("usb.ids");
        Files.writeString(file, IDS);
        assertThat(UsbIds.load(file).vendor(0x0781)).contains("SanDisk Corp.");
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 5 s");
            Thread.sleep(5);
        }
    }
}
