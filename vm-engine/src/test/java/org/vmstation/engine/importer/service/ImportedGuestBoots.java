package org.vmstation.engine.importer.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.ProbeOutput;
import org.vmstation.engine.guest.SerialMarkerWatcher;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmState;

/**
 * Starts imported VMs exactly as the library holds them (their own folder, disks, buses, NIC) on a real
 * {@link LocalQemuHost} and waits for the guest's ready marker: proof that an imported disk boots. Published in the
 * test-jar for the app's round-trip test.
 */
public final class ImportedGuestBoots implements AutoCloseable {
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(150);
    private final LocalQemuHost host;
    private final Path runtimeBase;

    public ImportedGuestBoots(VmLibrary library) throws Exception {
        // Short base path: QEMU's unix sockets live below it and socket paths are limited to 108 bytes.
        this.runtimeBase = Files.createTempDirectory(Path.of("/tmp"), "vms-imp");
        var caps = CapabilityProbe.probe(QemuBinaryLocator.locateQemu());
        this.host = new LocalQemuHost(new RuntimeDirectory(runtimeBase), vm -> library.vmFolder(vm.id()), () -> caps, List.of());
    }

    /**
     * Boots the VM with no direct kernel boot allowed, waits for the ready marker, powers it off and returns the
     * guest's block-device probe (lines of /proc/partitions).
     */
    public List<String> bootToReadyMarker(VmDefinition vm) throws Exception {
        assertThat(vm.kernelBoot()).as("an imported disk must boot by itself, not by -kernel").isNull();
        Path serial = host.paths(vm).serialLog();
        Files.createDirectories(serial.getParent());
        long offset = Files.exists(serial) ? Files.size(serial) : 0;
        try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(serial, GuestImageLocator.READY_MARKER, offset)) {
            assertThat(host.start(vm, StartOptions.defaults()).state()).isEqualTo(VmState.RUNNING);
            Duration took = ready.future().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            System.err.println("imported VM '" + vm.name() + "' ready after " + took.toMillis() + " ms");
            Map<String, List<String>> probes = ProbeOutput.parse(Files.readString(serial).substring((int) offset));
            assertThat(probes).containsKey("block");
            return probes.get("block");
        } catch (TimeoutException e) {
            throw new AssertionError("imported VM '" + vm.name() + "' printed no " + GuestImageLocator.READY_MARKER + " within "
                    + READY_TIMEOUT + "; serial log:\n" + (Files.exists(serial) ? Files.readString(serial) : "(none)"), e);
        } finally {
            if (host.status(vm).state().isActive()) host.powerOff(vm);
        }
    }

    @Override
    public void close() throws Exception {
        host.close();
        try (var s = Files.walk(runtimeBase)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
