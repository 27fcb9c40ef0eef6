package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.GuestSerialLog;
import org.vmstation.engine.guest.SerialMarkerWatcher;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.power.resource.ResourceBackend;
import org.vmstation.engine.power.resource.ResourceController;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.engine.runtime.StartOptions;

/** Per-VM resource controls against a real guest: an I/O limit caps dd in the guest, a CPU cap caps QEMU. */
@Tag("guest")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResourceControlsGuestTest {
    static LocalQemuHost host;
    static VmDefinition vm;
    static GuestSerialLog serial;
    static ResourceController resources;

    @BeforeAll
    static void boot() throws Exception {
        GuestImage guest = TestGuest.image();
        Path folders = Files.createTempDirectory("vms-res-vm");
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "vms-rrt");
        Path disk = folders.resolve("data.raw");
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "raw", disk.toString(), "64M").inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        QemuCapabilities caps = CapabilityProbe.probe(QemuBinaryLocator.locateQemu());
        host = new LocalQemuHost(new RuntimeDirectory(runtime), v -> folders.resolve(v.name()), () -> caps, List.of(new ResourceBackend()));
        vm = VmDefinition.builder("resources").osType("linux").memoryMiB(192).cpus(1)
                .kernelBoot(new KernelBoot(guest.kernel().toString(), guest.initrd().toString(), GuestImageLocator.kernelCommandLine(List.of())))
                .disks(List.of(new DiskSpec(disk.toString(), DiskFormat.RAW, DiskBus.VIRTIO, false)))
                .network(NetworkSpec.none()).serialConsole(true).setting("resources.balloon-mib", "160").build();
        try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(host.paths(vm).serialLog(), GuestImageLocator.READY_MARKER)) {
            host.start(vm, StartOptions.defaults());
            ready.future().get(120, TimeUnit.SECONDS);
        }
        serial = new GuestSerialLog(host.paths(vm).serialSocket(), host.paths(vm).serialLog());
        serial.startReadLoop();
        resources = new ResourceController(vm, host.paths(vm));
    }

    @AfterAll
    static void stop() {
        try {
            resources.clearCpuLimit();
        } catch (Exception ignored) {
            // no limit set
        }
        try { host.powerOff(vm); } catch (Exception ignored) { /* cleanup */ }
        host.close();
    }

    static final Pattern DD = Pattern.compile("dd ([0-9.]+) ([0-9.]+)");

    /** Reads 8 MiB from the guest's disk at {@code skipMiB} past the page cache; returns the seconds it took (guest clock). */
    static double ddSeconds(int skipMiB) throws Exception {
        long from = serial.position();
        // busybox dd prints no timing, so the guest's uptime brackets it.
        serial.type("echo 3 > /proc/sys/vm/drop_caches; a=$(cut -d' ' -f1 /proc/uptime); dd if=/dev/vda of=/dev/null bs=1M count=8 skip="
                + skipMiB + " 2>/dev/null; echo " + GuestSerialLog.MARK_IN_SHELL + "\" dd $a $(cut -d' ' -f1 /proc/uptime)\"");
        String line = serial.await(from, Duration.ofSeconds(60), l -> l.startsWith(GuestSerialLog.MARK + " dd"));
        assertThat(line).as("dd answered").isNotNull();
        Matcher m = DD.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Double.parseDouble(m.group(2)) - Double.parseDouble(m.group(1));
    }

    @Test
    @Order(1)
    void diskLimitCapsDdInTheGuest() throws Exception {
        double free = ddSeconds(0);
        resources.setDiskLimit(2L * 1024 * 1024, 0);
        double limited = ddSeconds(16);
        // 8 MiB at 2 MiB/s: about 4 s (QEMU lets a first burst through, so allow some slack).
        assertThat(limited).as("8 MiB under a 2 MiB/s limit, unlimited it took %.2f s", free).isGreaterThan(2.8);
        assertThat(limited).isGreaterThan(free * 2);
        resources.setDiskLimit(0, 0);
        assertThat(ddSeconds(32)).isLessThan(limited / 2);
    }

    @Test
    @Order(2)
    void balloonTargetIsReachedByTheGuestDriver() throws Exception {
        // The balloon device came from the setting (160 MiB at start); the guest's virtio_balloon driver gives memory back.
        resources.setBalloon(128);
        long target = 128L * 1024 * 1024;
        long actual = Long.MAX_VALUE;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (actual > target && System.nanoTime() < deadline) {
            actual = host.withControl(vm, c -> c.command("query-balloon", java.util.Map.of()).get("actual").asLong());
            Thread.sleep(200);
        }
        assertThat(actual).isEqualTo(target);
    }

    @Test
    @Order(3)
    void cpuCapHoldsABusyGuestToAQuarterCore() throws Exception {
        serial.type("while :; do :; done &");
        long pid = Long.parseLong(Files.readString(host.paths(vm).pidFile()).trim());
        Thread.sleep(1000);
        double free = coresUsed(pid, Duration.ofSeconds(4));
        resources.setCpuLimit(25);
        Thread.sleep(500);
        double quarter = coresUsed(pid, Duration.ofSeconds(5));
        resources.setCpuLimit(10);
        Thread.sleep(500);
        double tenth = coresUsed(pid, Duration.ofSeconds(5));
        assertThat(quarter).as("capped to 25 %%, uncapped it used %.2f cores", free).isLessThanOrEqualTo(0.30);
        assertThat(tenth).as("capped to 10 %%").isLessThanOrEqualTo(0.13);
        // On a busy CI machine an uncapped QEMU may get less than a core, but always clearly more than the 10 % cap.
        assertThat(free).as("uncapped vs 10 %% cap (%.2f)", tenth).isGreaterThan(2 * tenth);
    }

    /** CPU time QEMU's process used over {@code span}, in cores (from /proc/PID/stat utime+stime). */
    static double coresUsed(long pid, Duration span) throws Exception {
        long t0 = System.nanoTime();
        long c0 = cpuTicks(pid);
        Thread.sleep(span.toMillis());
        long c1 = cpuTicks(pid);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return (c1 - c0) / 100.0 / seconds; // USER_HZ is 100 on Linux
    }

    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of the whole line
    }
}
