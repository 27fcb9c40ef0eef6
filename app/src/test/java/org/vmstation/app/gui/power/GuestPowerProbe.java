package org.vmstation.app.gui.power;

import static org.vmstation.engine.guest.GuestSerialLog.MARK;
import static org.vmstation.engine.guest.GuestSerialLog.MARK_IN_SHELL;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.vmstation.engine.guest.GuestSerialLog;

/**
 * Arms a probe in the test guest's serial shell that prints the guest kernel's reactions to the power devices
 * (lid and sleep-button input events, power_supply uevents) on its serial console, and reads them back from
 * the VM's serial log, as a person watching the guest's console would. Probe lines start with
 * {@link GuestSerialLog#MARK}; typed commands spell it in two quoted halves so the shell's echo never looks like output.
 */
final class GuestPowerProbe {
    /** Runs each typed line in its own shell, reading the tty directly (busybox's line editor drops fast input). */
    private static final String READ_LOOP = "stty -echo; while :; do if read -r l; then sh -c \"$l\"; else sleep 0.1; fi; done";
    private static final List<String> PROBE = List.of(
            "for d in /sys/class/input/event*; do n=$(cat $d/device/name); case \"$n\" in \"Lid Switch\"|\"Sleep Button\")"
                    + " ( exec 3</dev/input/${d##*/}; while :; do l=$(dd bs=24 count=1 <&3 2>/dev/null | hexdump -v -e '24/1 \"%02x \"');"
                    + " set -- $l; [ $# = 24 ] || continue; t=$((0x${18}${17})); [ $t = 0 ] && continue; c=$((0x${20}${19}));"
                    + " v=$((0x${24}${23}${22}${21})); echo " + MARK_IN_SHELL
                    + "\" input ${n// /_} type=$t code=$c value=$v\"; done ) & ;; esac; done",
            "uevent sh -c '[ \"$SUBSYSTEM\" = power_supply ] && echo " + MARK_IN_SHELL + "\" uevent $ACTION $POWER_SUPPLY_NAME"
                    + " online=$POWER_SUPPLY_ONLINE status=$POWER_SUPPLY_STATUS capacity=$POWER_SUPPLY_CAPACITY\"' &",
            "echo " + MARK_IN_SHELL + "-ARMED");

    private final GuestSerialLog serial;

    GuestPowerProbe(Path serialSocket, Path serialLog) {
        this.serial = new GuestSerialLog(serialSocket, serialLog);
    }

    /** Starts the read loop (typed again while the shell drops it) and the probe; fails if the guest never answers. */
    void arm() throws Exception {
        boolean loop = false;
        for (int attempt = 0; attempt < 4 && !loop; attempt++) {
            type("", READ_LOOP);
            Thread.sleep(1500);
            long from = position();
            type("echo " + MARK_IN_SHELL + "-LOOP");
            loop = await(from, Duration.ofSeconds(10), l -> l.startsWith(MARK + "-LOOP")) != null;
        }
        if (!loop) throw new AssertionError("the guest's serial shell never ran the read loop; it printed:\n" + tail());
        for (int attempt = 0; attempt < 3; attempt++) {
            long from = position();
            type(PROBE.toArray(String[]::new));
            if (await(from, Duration.ofSeconds(30), l -> l.startsWith(MARK + "-ARMED")) != null) return;
        }
        throw new AssertionError("the guest's power probe did not start; its serial console printed:\n" + tail());
    }

    /** The end of the serial log, for failure messages (the temporary folder is gone once the test ends). */
    String tail() throws IOException {
        return serial.tail();
    }

    void type(String... lines) throws IOException {
        serial.type(lines);
    }

    long position() throws IOException {
        return serial.position();
    }

    /** The first probe line since {@code from} that matches, waiting up to {@code timeout}; null if none came. */
    String await(long from, Duration timeout, Predicate<String> match) throws IOException {
        return serial.await(from, timeout, match);
    }
}
