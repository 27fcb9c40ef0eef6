package org.vmstation.engine.power.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.vmstation.engine.power.BatteryStatus;
import org.vmstation.engine.power.PowerState;

/**
 * Linux's {@code /sys/class/power_supply} (mains adapters and system batteries; a peripheral's battery, whose
 * {@code scope} is {@code Device}, is ignored) plus the ACPI lid in {@code /proc/acpi/button/lid/}, or a lid
 * reader given by the factory (logind). Both roots are parameters so tests can give a temporary tree. Every
 * attribute is read with a size bound and checked; an odd value counts as not reported.
 */
public final class SysfsPowerSupply implements HostPowerSupply {
    static final int MAX_ATTRIBUTE_BYTES = 256;
    public static final Path SYSFS_ROOT = Path.of("/sys/class/power_supply");
    public static final Path ACPI_LID_ROOT = Path.of("/proc/acpi/button/lid");

    private final Path root;
    private final Path lidRoot;
    private final LogindLid logindLid;
    private final String why;

    /**
     * @param logindLid the lid from logind, or null to read {@code lidRoot}
     * @param why       why this reader was chosen, for {@link #description()}
     */
    public SysfsPowerSupply(Path root, Path lidRoot, LogindLid logindLid, String why) {
        this.root = root;
        this.lidRoot = lidRoot;
        this.logindLid = logindLid;
        this.why = why == null ? "" : why;
    }

    public SysfsPowerSupply(Path root, Path lidRoot) { this(root, lidRoot, null, ""); }

    @Override public String kind() { return "sysfs"; }

    @Override
    public String description() {
        String lid = logindLid != null ? "lid from logind" : "lid from " + lidRoot;
        return "Linux power_supply class in " + root + " (polled), " + lid + (why.isEmpty() ? "" : "; " + why);
    }

    @Override
    public HostPowerSnapshot read() throws IOException {
        Optional<Boolean> ac = Optional.empty();
        boolean battery = false;
        OptionalInt charge = OptionalInt.empty();
        Optional<BatteryStatus> status = Optional.empty();
        OptionalLong rate = OptionalLong.empty();
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> supplies = Files.newDirectoryStream(root)) {
                for (Path supply : supplies) {
                    String type = attr(supply, "type").orElse("");
                    if (type.equals("Mains") || type.equals("USB") && attr(supply, "scope").orElse("").equals("System")) {
                        OptionalLong online = number(supply, "online");
                        if (online.isPresent()) ac = Optional.of(ac.orElse(false) || online.getAsLong() == 1);
                    } else if (type.equals("Battery") && !battery && number(supply, "present").orElse(1) == 1
                            && !attr(supply, "scope").orElse("").equals("Device")) {
                        // the first system battery; laptops with two are rare and UPower covers them
                        battery = true;
                        OptionalLong capacity = number(supply, "capacity");
                        if (capacity.isPresent() && capacity.getAsLong() >= 0 && capacity.getAsLong() <= 100) {
                            charge = OptionalInt.of((int) capacity.getAsLong());
                        }
                        status = parseStatus(attr(supply, "status").orElse(""));
                        OptionalLong power = number(supply, "power_now"); // µW
                        if (power.isPresent() && power.getAsLong() >= 0) rate = OptionalLong.of(Math.min(power.getAsLong() / 1000, PowerState.MAX_VALUE));
                    }
                }
            }
        }
        return new HostPowerSnapshot(ac, battery, charge, status, rate, readLid());
    }

    private Optional<Boolean> readLid() throws IOException {
        if (logindLid != null) return logindLid.lidClosed();
        if (!Files.isDirectory(lidRoot)) return Optional.empty();
        try (DirectoryStream<Path> lids = Files.newDirectoryStream(lidRoot)) {
            for (Path lid : lids) {
                // "state:      open" / "state:      closed"
                Optional<String> state = attr(lid, "state");
                if (state.isEmpty()) continue;
                String v = state.get().toLowerCase(Locale.ROOT);
                if (v.endsWith("closed")) return Optional.of(true);
                if (v.endsWith("open")) return Optional.of(false);
            }
        }
        return Optional.empty();
    }

    static Optional<BatteryStatus> parseStatus(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "charging" -> Optional.of(BatteryStatus.CHARGING);
            case "discharging" -> Optional.of(BatteryStatus.DISCHARGING);
            case "full", "not charging" -> Optional.of(BatteryStatus.IDLE);
            default -> Optional.empty();
        };
    }

    private static OptionalLong number(Path dir, String name) {
        Optional<String> v = attr(dir, name);
        if (v.isEmpty()) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(v.get()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<String> attr(Path dir, String name) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try (var in = Files.newInputStream(f)) {
            return Optional.of(new String(in.readNBytes(MAX_ATTRIBUTE_BYTES), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            return Optional.empty(); // some attributes refuse reads while the device is busy
        }
    }

    @Override
    public void close() {
        if (logindLid != null) logindLid.close();
    }
}
