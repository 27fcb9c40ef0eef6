package org.vmstation.usb.qemu;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vmstation.engine.qemu.DeviceProps;
import org.vmstation.engine.qemu.QemuOptions;

/**
 * QEMU's side of a usbredir connection: a UNIX socket chardev QEMU listens on (VMStation connects as the
 * client and serves the device) and the {@code usb-redir} device on the xHCI bus. The same values serve the
 * command line at start and QMP {@code chardev-add}/{@code device_add} for hot-plug.
 */
public final class UsbRedirDeviceProps {
    private UsbRedirDeviceProps() {}

    /** The chardev id for redirection slot {@code n}. */
    public static String chardevId(int n) { return "usbredir" + n; }

    /** The device id for redirection slot {@code n}. */
    public static String deviceId(int n) { return "usbredirdev" + n; }

    /** The {@code -chardev} value: a listening UNIX socket that does not wait for the client. */
    public static String chardevArgument(String chardevId, Path socket) {
        return "socket,id=" + UsbBus.checkId(chardevId) + ",path=" + QemuOptions.escape(socket.toString()) + ",server=on,wait=off";
    }

    /** The QMP {@code chardev-add} arguments equal to {@link #chardevArgument}. */
    public static Map<String, Object> chardevAdd(String chardevId, Path socket) {
        Map<String, Object> addr = Map.of("type", "unix", "data", Map.of("path", socket.toString()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("addr", addr);
        data.put("server", true);
        data.put("wait", false);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("id", UsbBus.checkId(chardevId));
        args.put("backend", Map.of("type", "socket", "data", data));
        return args;
    }

    public static DeviceProps device(String deviceId, String chardevId) {
        return DeviceProps.of("usb-redir").with("id", UsbBus.checkId(deviceId)).with("bus", UsbBus.XHCI_BUS)
                .with("chardev", UsbBus.checkId(chardevId));
    }
}
