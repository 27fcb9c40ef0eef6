package org.vmstation.usb.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a /sys/bus/usb/devices-shaped tree in a temp dir: the one thing faked, since CI has no USB bus. */
final class FakeSysfs {
    final Path root;
    private final Path drivers;

    FakeSysfs(Path base) throws IOException {
        root = Files.createDirectories(base.resolve("sys/bus/usb/devices"));
        drivers = Files.createDirectories(base.resolve("sys/bus/usb/drivers"));
        // A root hub and its interface are present on every real system and must be skipped.
        Path hub = Files.createDirectories(root.resolve("usb1"));
        write(hub, "idVendor", "1d6b");
        write(hub, "idProduct", "0002");
        Files.createDirectories(root.resolve("1-0:1.0"));
    }

    Path device(String name, int bus, int address, String vendor, String product, String speed) throws IOException {
        Path d = Files.createDirectories(root.resolve(name));
        write(d, "busnum", Integer.toString(bus));
        write(d, "devnum", Integer.toString(address));
        write(d, "idVendor", vendor);
        write(d, "idProduct", product);
        write(d, "speed", speed);
        write(d, "bDeviceClass", "00");
        return d;
    }

    void iface(String device, String suffix, String cls, String driver) throws IOException {
        // As in real sysfs: the interface lives inside its device, with a link beside it in devices/.
        Path i = Files.createDirectories(root.resolve(device).resolve(device + ":" + suffix));
        Files.createSymbolicLink(root.resolve(device + ":" + suffix), i);
        write(i, "bInterfaceClass", cls);
        if (driver != null) {
            Path drv = Files.createDirectories(drivers.resolve(driver));
            Files.createSymbolicLink(i.resolve("driver"), drv);
        }
    }

    void remove(String name) throws IOException {
        try (var links = Files.newDirectoryStream(root, name + ":*")) {
            for (Path link : links) Files.delete(link);
        }
        try (var walk = Files.walk(root.resolve(name))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void write(Path dir, String attr, String value) throws IOException {
        Files.writeString(dir.resolve(attr), value + "\n");
    }
}
