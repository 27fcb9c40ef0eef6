package org.vmstation.usb.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmstation.engine.qemu.QemuCommandLine;
import org.vmstation.usb.host.UsbDevice;
import org.vmstation.usb.host.UsbSpeed;

class UsbHostDevicePropsTest {
    @Test
    void byPortGolden() {
        var props = UsbHostDeviceProps.byPort("usbhost-1-2_3", 1, "2.3");
        assertThat(props.toCommandLine()).isEqualTo("usb-host,id=usbhost-1-2_3,bus=xhci.0,hostbus=1,hostport=2.3");
        Map<String, Object> qmp = new LinkedHashMap<>();
        qmp.put("driver", "usb-host");
        qmp.put("id", "usbhost-1-2_3");
        qmp.put("bus", "xhci.0");
        qmp.put("hostbus", 1);
        qmp.put("hostport", "2.3");
        assertThat(props.toQmp()).containsExactlyEntriesOf(qmp);
    }

    @Test
    void byIdsGoldenWithNumbersForQmp() {
        var props = UsbHostDeviceProps.byIds("stick", 0x0781, 0x5567);
        assertThat(props.toCommandLine()).isEqualTo("usb-host,id=stick,bus=xhci.0,vendorid=1921,productid=21863");
        assertThat(props.toQmp()).containsEntry("vendorid", 0x0781).containsEntry("productid", 0x5567);
    }

    @Test
    void forDeviceUsesItsPortAndTheSameRenderingOnTheCommandLine() {
        UsbDevice d = new UsbDevice("3-1.4", 3, 12, 0x046d, 0xc52b, null, null, null, null, null, UsbSpeed.FULL, 0, List.of(), List.of());
        var props = UsbHostDeviceProps.forDevice(d);
        QemuCommandLine line = new QemuCommandLine(Path.of("qemu-system-x86_64"));
        line.device(props);
        assertThat(line.arguments()).containsExactly("-device", "usb-host,id=usbhost-3-1_4,bus=xhci.0,hostbus=3,hostport=1.4");
    }

    @Test
    void badValuesAreRefusedWithTheValueAndTheExpectation() {
        assertThatThrownBy(() -> UsbHostDeviceProps.byPort("x", 0, "1")).hasMessageContaining("bus 0").hasMessageContaining("1..255");
        assertThatThrownBy(() -> UsbHostDeviceProps.byPort("x", 1, "1,2")).hasMessageContaining("'1,2'").hasMessageContaining("e.g. 2 or 2.3");
        assertThatThrownBy(() -> UsbHostDeviceProps.byIds("x", 0x10000, 1)).hasMessageContaining("65536").hasMessageContaining("0xffff");
        assertThatThrownBy(() -> UsbHostDeviceProps.byIds("9lives", 1, 1)).hasMessageContaining("'9lives'").hasMessageContaining("letter");
    }

    @Test
    void emulatedDevicesGolden() {
        assertThat(EmulatedUsbDevices.tablet("tab").toCommandLine()).isEqualTo("usb-tablet,id=tab,bus=xhci.0");
        assertThat(EmulatedUsbDevices.keyboard("kbd").toCommandLine()).isEqualTo("usb-kbd,id=kbd,bus=xhci.0");
        assertThat(EmulatedUsbDevices.storage("stick", "stickdrive", true).toCommandLine())
                .isEqualTo("usb-storage,id=stick,bus=xhci.0,drive=stickdrive,removable=on");
        assertThat(EmulatedUsbDevices.storageDrive("stickdrive", Path.of("/vm/a,b.img"), true))
                .isEqualTo("if=none,id=stickdrive,format=raw,file=/vm/a,,b.img,readonly=on");
        assertThat(EmulatedUsbDevices.serial("ser", "serdev").toCommandLine()).isEqualTo("usb-serial,id=ser,bus=xhci.0,chardev=serdev");
    }
}
