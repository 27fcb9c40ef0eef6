package org.vmstation.engine.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads this computer's battery and AC adapter from Linux's {@code /sys/class/power_supply} (the root is a
 * parameter so tests can give a fake tree: the host battery is the one thing a test machine lacks). Values
 * are bounded before use; a missing or odd attribute leaves the VM's value as it was.
 */
public final class HostPowerReader {
    static final int MAX_ATTRIBUTE_BYTES = 256;
    private final Path root;

    public HostPowerReader(Path root) { this.root = root; }

    public static HostPowerReader system() { return new HostPowerReader(Path.of("/sys/class/power_supply")); }

    /** {@code current} updated with what the host reports; unchanged when the host has no battery or adapter. */
    public PowerState apply(PowerState current) throws IOException {
        PowerState s = current;
        if (!Files.isDirectory(root)) return s;
        Optional<Boolean> ac = Optional.empty();
        try (DirectoryStream<Path> supplies = Files.newDirectoryStream(root)) {
            for (Path supply : supplies) {
                String type = attr(supply, "type").orElse("");
                if (type.equals("Mains")) {
                    Optional<Long> online = number(supply, "online");
                    if (online.isPresent()) ac = Optional.of(ac.orElse(false) || online.get() == 1);
                } else if (type.equals("Battery") && number(supply, "present").orElse(1L) == 1 && !attr(supply, "scope").orElse("").equals("Device")) {
                    s = battery(supply, s);
                }
            }
        }
        if (ac.isPresent()) s = s.withAcOnline(ac.get());
        return s;
    }

    private PowerState battery(Path supply, PowerState s) throws IOException {
        Optional<Long> capacity = number(supply, "capacity");
        if (capacity.isPresent() && capacity.get() >= 0 && capacity.get() <= 100) s = s.withChargePercent((int) (long) capacity.get());
        String status = attr(supply, "status").orElse("").toLowerCase(Locale.ROOT);
        switch (status) {
            case "charging" -> s = s.withStatus(BatteryStatus.CHARGING);
            case "discharging" -> s = s.withStatus(BatteryStatus.DISCHARGING);
            case "full", "not charging" -> s = s.withStatus(BatteryStatus.IDLE);
            default -> { /* unknown: keep */ }
        }
        // power_now is in µW; some batteries report current_now (µA) instead, which we leave alone.
        Optional<Long> power = number(supply, "power_now");
        if (power.isPresent() && power.get() >= 0) s = s.withRate(Math.min(power.get() / 1000, PowerState.MAX_VALUE));
        return s;
    }

    private static Optional<Long> number(Path dir, String name) throws IOException {
        Optional<String> v = attr(dir, name);
        if (v.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(v.get()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> attr(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) return Optional.empty();
        byte[] b;
        try (var in = Files.newInputStream(f)) {
            b = in.readNBytes(MAX_ATTRIBUTE_BYTES);
        } catch (IOException e) {
            return Optional.empty(); // some attributes refuse reads while the device is busy
        }
        return Optional.of(new String(b, StandardCharsets.US_ASCII).strip());
    }
}
