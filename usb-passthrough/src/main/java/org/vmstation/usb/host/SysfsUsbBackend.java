package org.vmstation.usb.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Linux host devices from {@code /sys/bus/usb/devices}. Device entries are named {@code B-P[.P...]}
 * ({@code 1-2.3}); interface entries ({@code 1-2.3:1.0}) and root hubs ({@code usb1}) are not devices.
 * Hotplug is polled: sysfs supports no file watching, and the udev netlink socket needs native code.
 */
public final class SysfsUsbBackend implements HostUsbBackend {
    public static final Path SYSFS_DEVICES = Path.of("/sys/bus/usb/devices");
    public static final Duration DEFAULT_POLL = Duration.ofMillis(500);
    private static final Pattern DEVICE_NAME = Pattern.compile("[0-9]{1,3}-[0-9]{1,3}(\\.[0-9]{1,3}){0,6}");
    /** sysfs attributes are at most a page; anything longer is not one. */
    private static final int MAX_ATTRIBUTE_BYTES = 4096;

    private final Path root;
    private final UsbIds ids;
    private final Duration pollInterval;

    public SysfsUsbBackend() { this(SYSFS_DEVICES, UsbIds.system(), DEFAULT_POLL); }

    public SysfsUsbBackend(Path root, UsbIds ids, Duration pollInterval) {
        this.root = Objects.requireNonNull(root, "root");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    @Override
    public List<UsbDevice> enumerate() throws UsbHostException {
        List<UsbDevice> devices = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return devices; // no USB bus at all (containers, some VMs): simply no devices
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!DEVICE_NAME.matcher(name).matches()) continue;
                try {
                    devices.add(read(entry, name));
                } catch (NoSuchFileException e) {
                    // unplugged while we read it: it is simply not there any more
                }
            }
        } catch (IOException e) {
            throw new UsbHostException("cannot list " + root + ": " + e.getMessage(), e);
        } catch (UncheckedBadAttribute e) {
            throw new UsbHostException(e.getMessage());
        }
        devices.sort(Comparator.comparing(UsbDevice::bus).thenComparing(d -> portKey(d.portPath())));
        return devices;
    }

    @Override
    public AutoCloseable watch(UsbHotplugListener listener) {
        return PollingHotplugWatcher.start(this, pollInterval, listener);
    }

    private UsbDevice read(Path dir, String name) throws IOException {
        int vendor = hexAttr(dir, "idVendor");
        int product = hexAttr(dir, "idProduct");
        int bus = decAttr(dir, "busnum");
        int address = decAttr(dir, "devnum");
        String cls = attr(dir, "bDeviceClass");
        List<Integer> ifaceClasses = new ArrayList<>();
        TreeSet<String> drivers = new TreeSet<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, name + ":*")) {
            List<Path> sorted = new ArrayList<>();
            children.forEach(sorted::add);
            sorted.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (Path iface : sorted) {
                String ic = attr(iface, "bInterfaceClass");
                if (ic != null) ifaceClasses.add(parseHex(iface.resolve("bInterfaceClass"), ic, 0xff));
                Path driver = iface.resolve("driver");
                if (Files.isSymbolicLink(driver)) {
                    drivers.add(Files.readSymbolicLink(driver).getFileName().toString());
                }
            }
        }
        return new UsbDevice(name, bus, address, vendor, product,
                attr(dir, "manufacturer"), attr(dir, "product"),
                ids.vendor(vendor).orElse(null), ids.product(vendor, product).orElse(null),
                attr(dir, "serial"), UsbSpeed.fromSysfs(attr(dir, "speed")),
                cls == null ? 0 : parseHex(dir.resolve("bDeviceClass"), cls, 0xff),
                ifaceClasses, List.copyOf(drivers));
    }

    /** The attribute's text without the trailing newline, or null when the device has no such attribute. */
    static String attr(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) return null;
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > MAX_ATTRIBUTE_BYTES) {
            throw new UncheckedBadAttribute(file + " holds " + bytes.length + " bytes; a sysfs attribute has at most " + MAX_ATTRIBUTE_BYTES);
        }
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }

    private static int hexAttr(Path dir, String name) throws IOException {
        String v = attr(dir, name);
        if (v == null) throw new UncheckedBadAttribute(dir.resolve(name) + " is missing; every USB device has it");
        return parseHex(dir.resolve(name), v, 0xffff);
    }

    private static int decAttr(Path dir, String name) throws IOException {
        String v = attr(dir, name);
        if (v == null) throw new UncheckedBadAttribute(dir.resolve(name) + " is missing; every USB device has it");
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > 255) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new UncheckedBadAttribute(dir.resolve(name) + " is '" + v + "'; expected a number 0..255");
        }
    }

    private static int parseHex(Path file, String v, int max) {
        try {
            int n = Integer.parseInt(v, 16);
            if (n < 0 || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new UncheckedBadAttribute(file + " is '" + v + "'; expected hexadecimal 0.." + Integer.toHexString(max));
        }
    }

    /** Sorts 1-2 before 1-10 and 1-2.1 after 1-2. */
    private static String portKey(String path) {
        StringBuilder sb = new StringBuilder();
        for (String part : path.substring(path.indexOf('-') + 1).split("\\.")) {
            sb.append(String.format("%03d.", Integer.parseInt(part)));
        }
        return sb.toString();
    }

    /** A malformed attribute, carried out of the directory loop and turned into a {@link UsbHostException}. */
    private static final class UncheckedBadAttribute extends RuntimeException {
        UncheckedBadAttribute(String message) { super(message); }
    }
}
