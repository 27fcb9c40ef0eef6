package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BooleanNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.NotificationCenter;
import org.vmstation.app.gui.service.LibraryCatalog;
import org.vmstation.app.gui.task.DirectTaskExecutor;
import org.vmstation.app.gui.usb.UsbDeviceRow;
import org.vmstation.app.gui.usb.UsbViewModel;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.VmControl;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.usb.host.HostIdentity;
import org.vmstation.usb.host.HostUsbBackend;
import org.vmstation.usb.host.UsbAccess;
import org.vmstation.usb.host.UsbDevice;
import org.vmstation.usb.host.UsbHotplugListener;
import org.vmstation.usb.host.UsbSpeed;
import org.vmstation.usb.qemu.UsbHotplug;
import org.vmstation.usb.rules.UsbRules;
import org.vmstation.usb.service.UsbService;

/**
 * The USB section's rules without a toolkit: the real {@link UsbService}, rule storage in a real library and
 * permission checks on real device-node files; only the host's USB bus (which this machine lacks) and the
 * VM's monitor are stand-ins.
 */
class UsbViewModelTest {
    @TempDir Path dir;
    private final List<UsbDevice> plugged = new CopyOnWriteArrayList<>();
    private final List<String> qmp = new CopyOnWriteArrayList<>();
    private VmLibrary library;
    private RecordingHost host;
    private UsbService usb;
    private UsbViewModel vm;
    private final List<VmDefinition> saved = new ArrayList<>();
    private final NotificationCenter notifications = new NotificationCenter();

    /** The host's USB bus, as the sysfs backend would report it. */
    private final HostUsbBackend bus = new HostUsbBackend() {
        @Override public List<UsbDevice> enumerate() { return List.copyOf(plugged); }
        @Override public AutoCloseable watch(UsbHotplugListener listener) { return () -> {}; }
    };

    /** A QEMU monitor that accepts device_add/device_del and reports added devices attached. */
    private final VmControl monitor = (name, args) -> {
        qmp.add(name + " " + (args.containsKey("id") ? args.get("id") : args.get("path")));
        return name.equals("qom-get") ? BooleanNode.TRUE : null;
    };

    @BeforeEach
    void setUp() throws Exception {
        library = VmLibrary.open(dir.resolve("lib").resolve("library.db"));
        host = new RecordingHost(dir.resolve("run"));
        host.control = monitor;
        // node 001/004 open to the user, 001/005 root-only: the access checks read these files' real modes
        node("001", "004", "rw-rw-rw-");
        node("001", "005", "rw-------");
        UsbAccess access = new UsbAccess(dir.resolve("dev"), dir.resolve("group"), new HostIdentity("alice", 4242, Set.of(4242)));
        usb = new UsbService(bus, access, new UsbHotplug(Duration.ofMillis(300)));
        usb.bind(host);
        vm = new UsbViewModel(usb, new LibraryCatalog(library), new DirectTaskExecutor(), notifications, id -> "Other VM", saved::add);
    }

    private void node(String bus, String address, String mode) throws Exception {
        Path n = Files.createDirectories(dir.resolve("dev").resolve(bus)).resolve(address);
        Files.writeString(n, "");
        Files.setPosixFilePermissions(n, PosixFilePermissions.fromString(mode));
        Files.writeString(dir.resolve("group"), "plugdev:x:46:\n");
    }

    private static UsbDevice stick() {
        return new UsbDevice("1-2", 1, 4, 0x0781, 0x5567, "SanDisk", "Cruzer Blade", null, null, "4C530001", UsbSpeed.HIGH, 0, List.of(8), List.of());
    }

    private static UsbDevice token() {
        return new UsbDevice("1-3", 1, 5, 0x1050, 0x0407, "Yubico", "YubiKey OTP+FIDO+CCID", null, null, null, UsbSpeed.FULL, 0, List.of(3), List.of());
    }

    private VmItem item(String name, VmState state) throws Exception {
        VmEntry e = library.add(TestVms.vm(dir.resolve("disks"), name, "debian", List.of(), ""));
        VmItem item = new VmItem(e);
        item.stateProperty().set(state);
        return item;
    }

    private UsbDeviceRow row(String name) {
        return vm.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void noUsbBusShowsAClearEmptyState() throws Exception {
        vm.vmProperty().set(item("Desk", VmState.STOPPED));
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).isEqualTo("No USB devices found on this computer");
        assertThat(vm.hintProperty().get()).contains("Desk is not running").contains("Remember");
    }

    @Test
    void stoppedVmCannotConnectButCanRememberAndTheRuleIsSaved() throws Exception {
        plugged.add(stick());
        VmItem desk = item("Desk", VmState.STOPPED);
        vm.vmProperty().set(desk);
        vm.refresh();
        UsbDeviceRow stick = row("SanDisk Cruzer Blade");
        assertThat(stick.status()).isEqualTo("Available");
        assertThat(stick.detail()).isEqualTo("0781:5567 · 480 Mbit/s · port 1-2");
        assertThat(stick.action()).isEqualTo(UsbDeviceRow.Action.CONNECT);
        assertThat(stick.actionEnabled()).isFalse();
        assertThat(stick.why()).contains("Start Desk");

        vm.setRemembered(stick, true);
        VmDefinition stored = library.get(desk.id()).definition();
        assertThat(UsbRules.of(stored)).singleElement().satisfies(r -> {
            assertThat(r.serial()).isEqualTo("4C530001"); // the serial tells identical sticks apart
            assertThat(r.matches(stick())).isTrue();
        });
        assertThat(saved).extracting(VmDefinition::id).containsExactly(desk.id());
        assertThat(row("SanDisk Cruzer Blade").remembered()).isTrue();

        vm.setRemembered(row("SanDisk Cruzer Blade"), false);
        assertThat(UsbRules.of(library.get(desk.id()).definition())).isEmpty();
        assertThat(row("SanDisk Cruzer Blade").remembered()).isFalse();
    }

    @Test
    void runningVmConnectsAndDisconnectsWithOneClick() throws Exception {
        plugged.add(stick());
        VmItem desk = item("Desk", VmState.RUNNING);
        usb.deviceBackend().attach(desk.definition(), new BackendContext(desk.id(), null, null), monitor); // the VM started
        vm.vmProperty().set(desk);
        vm.refresh();
        UsbDeviceRow free = row("SanDisk Cruzer Blade");
        assertThat(free.actionEnabled()).isTrue();

        vm.toggle(free);
        assertThat(qmp).anyMatch(c -> c.startsWith("device_add"));
        UsbDeviceRow connected = row("SanDisk Cruzer Blade");
        assertThat(connected.status()).isEqualTo("Connected to this VM");
        assertThat(connected.action()).isEqualTo(UsbDeviceRow.Action.DISCONNECT);
        assertThat(connected.actionEnabled()).isTrue();

        // another VM sees it taken
        VmItem other = item("Laptop", VmState.RUNNING);
        assertThat(UsbViewModel.rowsFor(usb.devices(), other, id -> "Desk").getFirst())
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo("In use by Desk");
                    assertThat(r.actionEnabled()).isFalse();
                    assertThat(r.why()).isEqualTo("Disconnect it from Desk first");
                });

        vm.toggle(connected);
        assertThat(qmp).anyMatch(c -> c.startsWith("device_del"));
        assertThat(row("SanDisk Cruzer Blade").status()).isEqualTo("Available");
        // the VM stops: connecting is no longer offered
        desk.stateProperty().set(VmState.STOPPED);
        assertThat(row("SanDisk Cruzer Blade").actionEnabled()).isFalse();
    }

    @Test
    void deviceWithoutPermissionSaysWhyAndHowToFixIt() throws Exception {
        plugged.add(token());
        vm.vmProperty().set(item("Desk", VmState.RUNNING));
        vm.refresh();
        UsbDeviceRow token = row("Yubico YubiKey OTP+FIDO+CCID");
        assertThat(token.status()).isEqualTo("No permission to use it");
        assertThat(token.actionEnabled()).isFalse();
        assertThat(token.problem()).contains("alice cannot open");
        assertThat(token.why()).contains("udev");
    }

    @Test
    void noVmSelectedListsDevicesWithoutActions() throws Exception {
        plugged.add(stick());
        vm.refresh();
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.actionEnabled()).isFalse();
            assertThat(r.why()).isEqualTo("Select a VM first");
        });
        assertThat(vm.hintProperty().get()).contains("Select a VM");
    }
}
