package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.guest.GuestSerialLog;
import org.vmstation.engine.guest.SerialMarkerWatcher;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.CapabilityProbe;
import org.vmstation.engine.qemu.QemuBinaryLocator;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.runtime.LocalQemuHost;
import org.vmstation.engine.runtime.RuntimeDirectory;
import org.vmstation.engine.runtime.StartOptions;
import org.vmstation.engine.runtime.VmState;

/** One booted test guest with the power devices, its probe armed, shared by the ordered tests of a class. */
final class PowerGuestScenario implements AutoCloseable {
    /** Typed into the guest: prints lid/sleep/power-button input events and power_supply uevents, stamped with uptime. */
    static final List<String> PROBE = List.of(
            // From here on the kernel's line discipline reads what we type (busybox's line editor drops keys
            // that arrive while it redraws) and each line is run as it arrives.
            // Each line runs in its own sh: a line that arrives garbled fails alone instead of aborting the loop
            // (an interactive shell abandons the whole loop on a syntax error) and handing the tty back.
            "stty -echo; while :; do if read -r l; then sh -c \"$l\"; else sleep 0.1; fi; done",
            "for d in /sys/class/input/event*; do n=$(cat $d/device/name); case \"$n\" in \"Lid Switch\"|\"Sleep Button\"|\"Power Button\")"
                    + " ( exec 3</dev/input/${d##*/}; while :; do l=$(dd bs=24 count=1 <&3 2>/dev/null | hexdump -v -e '24/1 \"%02x \"');"
                    + " set -- $l; [ $# = 24 ] || continue; t=$((0x${18}${17})); [ $t = 0 ] && continue; c=$((0x${20}${19}));"
                    + " v=$((0x${24}${23}${22}${21})); echo " + GuestSerialLog.MARK_IN_SHELL
                    + "\" $(cut -d' ' -f1 /proc/uptime) input ${n// /_} type=$t code=$c value=$v\"; done ) & ;; esac; done",
            "uevent sh -c '[ \"$SUBSYSTEM\" = power_supply ] && echo " + GuestSerialLog.MARK_IN_SHELL + "\" $(cut -d\" \" -f1 /proc/uptime) uevent $ACTION $POWER_SUPPLY_NAME"
                    + " online=$POWER_SUPPLY_ONLINE status=$POWER_SUPPLY_STATUS capacity=$POWER_SUPPLY_CAPACITY\"' &",
            "echo " + GuestSerialLog.MARK_IN_SHELL + "-ARMED");

    final Path folders;
    final LocalQemuHost host;
    final VmDefinition vm;
    final GuestSerialLog serial;
    final PowerController controller;

    private PowerGuestScenario(Path folders, LocalQemuHost host, VmDefinition vm) {
        this.folders = folders;
        this.host = host;
        this.vm = vm;
        this.serial = new GuestSerialLog(host.paths(vm).serialSocket(), host.paths(vm).serialLog());
        this.controller = PowerController.of(host.paths(vm));
    }

    static PowerGuestScenario boot(String machine) throws Exception {
        GuestImage guest = TestGuest.image();
        Path folders = Files.createTempDirectory("vms-power-vm");
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "vms-prt");
        QemuCapabilities caps = CapabilityProbe.probe(QemuBinaryLocator.locateQemu());
        LocalQemuHost host = new LocalQemuHost(new RuntimeDirectory(runtime), v -> folders.resolve(v.name()), () -> caps,
                List.of(new PowerBackend(new HostPowerReader(folders.resolve("no-host-battery")))));
        VmDefinition vm = VmDefinition.builder("power-" + machine).osType("linux").machineType(machine).memoryMiB(192).cpus(1)
                .kernelBoot(new KernelBoot(guest.kernel().toString(), guest.initrd().toString(),
                        GuestImageLocator.kernelCommandLine(List.of("power"))))
                .network(NetworkSpec.none()).serialConsole(true)
                .setting(PowerSettings.ENABLED, "true").setting(PowerSettings.SOURCE, "manual").build();
        PowerGuestScenario s = new PowerGuestScenario(folders, host, vm);
        try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(host.paths(vm).serialLog(), GuestImageLocator.READY_MARKER)) {
            assertThat(host.start(vm, StartOptions.defaults()).state()).isEqualTo(VmState.RUNNING);
            ready.future().get(120, TimeUnit.SECONDS);
        }
        s.startReadLoop();
        long from = s.serial.position();
        s.serial.type(PROBE.subList(1, PROBE.size()).toArray(String[]::new));
        assertThat(s.serial.await(from, Duration.ofSeconds(60), l -> l.startsWith(GuestSerialLog.MARK + "-ARMED")))
                .as("the guest probe started").isNotNull();
        return s;
    }

    /**
     * Starts the guest-side read loop ({@link #PROBE}'s first line) and proves it answers. Under a heavily loaded
     * host busybox's line editor can lose the line that starts it, so it is typed again until the loop answers.
     */
    void startReadLoop() throws Exception {
        for (int attempt = 0; attempt < 4; attempt++) {
            serial.type("", PROBE.getFirst());
            Thread.sleep(1500); // until the loop reads the tty
            if (run("echo " + GuestSerialLog.MARK_IN_SHELL + "-LOOP", GuestSerialLog.MARK + "-LOOP") != null) return;
        }
        throw new AssertionError("the guest's serial shell never ran the read loop; see " + host.paths(vm).serialLog());
    }

    /** Runs {@code command} in the guest until it prints a probe line starting with {@code answer} (up to 3 tries). */
    String run(String command, String answer) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            long from = serial.position();
            serial.type(command);
            String line = serial.await(from, Duration.ofSeconds(10), l -> l.startsWith(answer));
            if (line != null) return line;
        }
        return null;
    }

    /** Asks the guest what it sees now; returns the guest's answer line {@code VMSPWR values ...}. */
    String guestValues() throws IOException {
        long from = serial.position();
        serial.type("echo " + GuestSerialLog.MARK_IN_SHELL + "\" values capacity=$(cat /sys/class/power_supply/BAT0/capacity)"
                + " status=$(cat /sys/class/power_supply/BAT0/status) online=$(cat /sys/class/power_supply/ADP0/online)"
                + " lid=$(awk '{print $2}' /proc/acpi/button/lid/LID0/state)\"");
        return serial.await(from, Duration.ofSeconds(10), l -> l.startsWith(GuestSerialLog.MARK + " values"));
    }

    /** Polls the guest until its values line contains every part, or {@code timeout}; returns the last line seen. */
    String awaitGuestValues(Duration timeout, String... parts) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last;
        do {
            last = guestValues();
            if (last != null && List.of(parts).stream().allMatch(last::contains)) return last;
        } while (System.nanoTime() < deadline);
        return last;
    }

    @Override
    public void close() {
        try {
            if (host.status(vm).state().isActive()) host.powerOff(vm);
        } catch (Exception ignored) {
            // cleanup
        }
        host.close();
    }
}
