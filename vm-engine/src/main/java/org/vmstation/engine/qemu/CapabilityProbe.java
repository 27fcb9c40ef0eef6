package org.vmstation.engine.qemu;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks a QEMU binary what it can do ({@code -version}, {@code -machine help}, {@code -device help},
 * {@code -accel help}, {@code -display help}) and remembers the answer in the user's cache folder, keyed by
 * the binary's path, size and modification time, so each binary is run once. The accelerator decision is
 * made fresh every time because it depends on the host, not the binary.
 */
public final class CapabilityProbe {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    static final int CACHE_FORMAT = 1;

    /** What is cached: everything the binary itself reports. */
    record ProbeData(int format, String binary, String version, String packageInfo, List<String> machines,
                     List<String> devices, List<String> accelerators, List<String> displays) {}

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ProcessRunner runner;
    private final Path cacheDir;
    private final AcceleratorChooser accelerators;

    /**
     * @param cacheDir folder of the cached probe results, or null to never cache
     */
    public CapabilityProbe(ProcessRunner runner, Path cacheDir, AcceleratorChooser accelerators) {
        this.runner = runner;
        this.cacheDir = cacheDir;
        this.accelerators = accelerators;
    }

    /** The probe for this host: real processes, {@code ${XDG_CACHE_HOME:-~/.cache}/vmstation/qemu-probe}. */
    public static CapabilityProbe forThisHost() {
        return new CapabilityProbe(ProcessRunner.system(), defaultCacheDir(HostEnvironment.current()), AcceleratorChooser.forThisHost());
    }

    public static Path defaultCacheDir(HostEnvironment host) {
        return host.userCacheDir().resolve("vmstation").resolve("qemu-probe");
    }

    /** The capabilities of {@code binary}, from the cache when this exact binary was probed before. */
    public static QemuCapabilities probe(Path binary) { return forThisHost().capabilities(binary); }

    /** Runs the binary again, ignoring and then refreshing the cache. */
    public static QemuCapabilities probeFresh(Path binary) { return forThisHost().fresh(binary); }

    public QemuCapabilities capabilities(Path binary) {
        Path cacheFile = cacheFile(binary);
        if (cacheFile != null && Files.isRegularFile(cacheFile)) {
            try {
                ProbeData data = JSON.readValue(cacheFile.toFile(), ProbeData.class);
                if (data.format() == CACHE_FORMAT && data.version() != null && data.machines() != null && data.devices() != null
                        && data.accelerators() != null && data.displays() != null) {
                    return toCapabilities(binary, data);
                }
            } catch (IOException | RuntimeException ignored) {
                // A damaged or older cache entry is just a miss: probe again and overwrite it.
            }
        }
        return fresh(binary);
    }

    public QemuCapabilities fresh(Path binary) {
        ProbeData data = runProbe(binary);
        Path cacheFile = cacheFile(binary);
        if (cacheFile != null) writeCache(cacheFile, data);
        return toCapabilities(binary, data);
    }

    private ProbeData runProbe(Path binary) {
        String[] version;
        try {
            version = QemuHelpParser.version(run(binary, "-version"));
        } catch (IllegalArgumentException e) {
            throw new QemuSetupException(binary + " does not look like QEMU: " + e.getMessage(), e);
        }
        Set<String> machines = QemuHelpParser.machines(run(binary, "-machine", "help"));
        Set<String> devices = QemuHelpParser.devices(run(binary, "-device", "help"));
        List<String> accels = new ArrayList<>(QemuHelpParser.listAfterHeader(run(binary, "-accel", "help")));
        accels.sort(Comparator.comparingInt(a -> {
            int i = AcceleratorChooser.PREFERENCE.indexOf(a);
            return i < 0 ? AcceleratorChooser.PREFERENCE.size() : i;
        }));
        Set<String> displays = new LinkedHashSet<>(QemuHelpParser.listAfterHeader(run(binary, "-display", "help")));
        // VNC is an option of its own, not a -display type; the option list tells whether it was built in.
        if (run(binary, "-help").contains("\n-vnc ")) displays.add("vnc");
        if (machines.isEmpty() || devices.isEmpty()) {
            throw new QemuSetupException(binary + " listed no machine types or devices: is it really qemu-system-x86_64?");
        }
        return new ProbeData(CACHE_FORMAT, binary.toString(), version[0], version[1], List.copyOf(machines),
                List.copyOf(devices), List.copyOf(accels), List.copyOf(displays));
    }

    private String run(Path binary, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        ProcessRunner.Result r;
        try {
            r = runner.run(command, COMMAND_TIMEOUT);
        } catch (IOException e) {
            throw new QemuSetupException("could not run " + binary + " " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
        if (!r.ok()) {
            throw new QemuSetupException(binary + " " + String.join(" ", args) + " failed with exit code " + r.exitCode()
                    + ": " + r.stderr().strip());
        }
        return r.stdout();
    }

    private QemuCapabilities toCapabilities(Path binary, ProbeData d) {
        AcceleratorChooser.Choice choice = accelerators.choose(d.accelerators());
        return new QemuCapabilities(binary, d.version(), d.packageInfo() == null ? "" : d.packageInfo(),
                new LinkedHashSet<>(d.machines()), new LinkedHashSet<>(d.devices()), d.accelerators(),
                choice.accelerator(), choice.reason(), new LinkedHashSet<>(d.displays()));
    }

    /** {@code <cacheDir>/<sha-256 of path, size, mtime>.json}, or null when not caching or the binary is unreadable. */
    Path cacheFile(Path binary) {
        if (cacheDir == null) return null;
        try {
            Path real = binary.toRealPath();
            String key = real + "\n" + Files.size(real) + "\n" + Files.getLastModifiedTime(real).toMillis();
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return cacheDir.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".json");
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static void writeCache(Path file, ProbeData data) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "probe", ".tmp");
            try {
                JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), data);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException ignored) {
            // The cache only saves time; a read-only home folder must not stop VMs from starting.
        }
    }
}
