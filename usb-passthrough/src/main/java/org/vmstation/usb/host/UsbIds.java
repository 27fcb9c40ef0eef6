package org.vmstation.usb.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vendor and product names from the usb.ids database (the usbutils/hwdata file). Optional: when no database is
 * installed every lookup answers empty and devices show their own strings or ids.
 */
public final class UsbIds {
    /** Where Debian/Ubuntu, Fedora and Arch keep the file. */
    public static final List<Path> STANDARD_LOCATIONS = List.of(
            Path.of("/usr/share/misc/usb.ids"), Path.of("/var/lib/usbutils/usb.ids"),
            Path.of("/usr/share/hwdata/usb.ids"), Path.of("/usr/share/usb.ids"));
    /** The real file is under 1 MiB; anything far larger is not a usb.ids. */
    static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final UsbIds EMPTY = new UsbIds(Map.of(), Map.of());

    private final Map<Integer, String> vendors;
    private final Map<Integer, String> products;

    private UsbIds(Map<Integer, String> vendors, Map<Integer, String> products) {
        this.vendors = vendors;
        this.products = products;
    }

    public static UsbIds empty() { return EMPTY; }

    /** The first database found in {@link #STANDARD_LOCATIONS}, or an empty one. */
    public static UsbIds system() {
        for (Path p : STANDARD_LOCATIONS) {
            if (Files.isRegularFile(p)) {
                try {
                    return load(p);
                } catch (IOException | IllegalArgumentException e) {
                    // A broken optional database must not hide the devices; fall through to the next one.
                }
            }
        }
        return EMPTY;
    }

    public static UsbIds load(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException("USB ID database " + file + " is larger than " + MAX_BYTES + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    /**
     * Reads the vendor/product section. The format: {@code vvvv  Vendor name}, then tab-indented
     * {@code pppp  Product name} lines; later sections (classes, languages, ...) start with a keyword and
     * are skipped. Lines that do not fit are ignored: the file is informational.
     */
    public static UsbIds parse(InputStream in) throws IOException {
        Map<Integer, String> vendors = new HashMap<>();
        Map<Integer, String> products = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Integer vendor = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("\t\t")) continue; // interface lines
            if (line.startsWith("\t")) {
                Integer id = hexId(line, 1);
                if (vendor != null && id != null) products.put(vendor << 16 | id, name(line, 1));
                continue;
            }
            vendor = hexId(line, 0);
            if (vendor != null) {
                vendors.put(vendor, name(line, 0));
            } else {
                break; // "C 00  ..." and the other sections after the vendor list
            }
        }
        return new UsbIds(Map.copyOf(vendors), Map.copyOf(products));
    }

    public Optional<String> vendor(int vendorId) { return Optional.ofNullable(vendors.get(vendorId)); }

    public Optional<String> product(int vendorId, int productId) {
        return Optional.ofNullable(products.get(vendorId << 16 | productId));
    }

    static String hex4(int v) { return String.format("%04x", v); }

    private static Integer hexId(String line, int from) {
        if (line.length() < from + 6) return null;
        String hex = line.substring(from, from + 4);
        if (!hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) return null;
        if (line.charAt(from + 4) != ' ') return null;
        return Integer.parseInt(hex, 16);
    }

    private static String name(String line, int from) {
        return line.substring(from + 4).strip();
    }
}
