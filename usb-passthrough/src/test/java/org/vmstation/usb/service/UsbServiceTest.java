package org.vmstation.usb.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qmp.QmpClient;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.DeviceBackend;
import org.vmstation.engine.runtime.VmControl;
import org.vmstation.usb.host.HostIdentity;
import org.vmstation.usb.host.SysfsUsbBackend;
import org.vmstation.usb.host.UsbAccess;
import org.vmstation.usb.host.UsbIds;
import org.vmstation.usb.qemu.UsbHotplug;
import org.vmstation.usb.rules.UsbRule;

/**
 * The service's VM-start path against a real QEMU: a rule matches a (faked-sysfs) host device, the backend's
 * attach hot-plugs a usb-host through QMP; QEMU cannot find the device (there is no USB bus here), so the VM
 * start goes on, the problem is reported with the permission diagnosis, and the device is free again.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UsbServiceTest {
    @TempDir Path dir;

    @Test
    void ruleAtVmStartTriesTheDeviceAndReportsWhyItFailed() throws Exception {
        Path sys = Files.createDirectories(dir.resolve("sys"));
        Path d = Files.createDirectories(sys.resolve("7-3"));
        for (String[] a : new String[][] {{"busnum", "7"}, {"devnum", "4"}, {"idVendor", "0781"}, {"idProduct", "5567"},
                {"speed", "480"}, {"product", "Cruzer"}, {"manufacturer", "SanDisk"}}) {
            Files.writeString(d.resolve(a[0]), a[1] + "\n");
        }
        Path node = Files.createDirectories(dir.resolve("dev/007")).resolve("004");
        Files.writeString(node, "");
        Files.setPosixFilePermissions(node, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        UsbAccess access = new UsbAccess(dir.resolve("dev"), dir.resolve("group"), new HostIdentity("alice", 4242, Set.of(4242)));
        UsbService service = new UsbService(new SysfsUsbBackend(sys, UsbIds.empty(), Duration.ofMillis(50)), access,
                new UsbHotplug(Duration.ofMillis(500)));
        List<String> problems = new CopyOnWriteArrayList<>();
        service.onProblem(problems::add);

        VmDefinition vm = service.addRule(VmDefinition.builder("usb-vm").build(), new UsbRule(0x0781, 0x5567, null, null));
        assertThat(vm.settings()).containsKey("usb.rule.0");

        Path socket = dir.resolve("qmp.sock");
        Process qemu = new ProcessBuilder(TestGuest.qemuBinary(), "-machine", "q35", "-accel", "tcg", "-nodefaults", "-display", "none",
                "-S", "-device", "qemu-xhci,id=xhci", "-qmp", "unix:" + socket + ",server=on,wait=off")
                .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
        try (QmpClient qmp = QmpClient.connect(socket, Duration.ofSeconds(20))) {
            VmControl control = (name, args) -> qmp.call(name, args);
            DeviceBackend backend = service.deviceBackend();
            assertThat(backend.name()).isEqualTo("usb");
            backend.attach(vm, new BackendContext(vm.id(), null, null), control);

            assertThat(problems).singleElement().asString()
                    .contains("cannot attach SanDisk Cruzer (7-3): QEMU did not find it at host bus 7 port 3")
                    .contains("alice cannot open").contains("udev");
            HostDeviceState state = service.devices().getFirst();
            assertThat(state.state()).isEqualTo(HostDeviceState.State.NOT_ACCESSIBLE);
            assertThat(state.vmId()).isNull();
            assertThat(state.problem()).contains("QEMU did not find it");
            assertThat(state.access().fixes()).anyMatch(f -> f.contains("70-vmstation-usb.rules"));

            backend.detach(vm, new BackendContext(vm.id(), null, null));
            qmp.quit();
        } finally {
            if (!qemu.waitFor(10, TimeUnit.SECONDS)) qemu.destroyForcibly();
        }
    }
}
