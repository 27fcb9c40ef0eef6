package org.vmstation.engine.power;

import static org.vmstation.engine.guest.GuestSerialLog.MARK;
import static org.vmstation.engine.guest.GuestSerialLog.MARK_IN_SHELL;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.vmstation.engine.guest.GuestSerialLog;

/**
 * A probe in the test guest's serial shell that prints the guest kernel's reactions to the power devices on its
 * serial console, as a person watching the console would see them: lid, sleep- and power-button input events and
 * power_supply uevents, each stamped with the guest's uptime, as {@code VMSPWR <uptime> input Lid_Switch type=5
 * code=0 value=1} and {@code VMSPWR <uptime> uevent change ADP0 online=0 ...}. Published in vm-engine's test-jar.
 */
public final class GuestPowerProbe {
    /** Typed into the guest's read loop ({@link GuestSerialLog#READ_LOOP}): starts the watchers, then says it is armed. */
    static final List<String> COMMANDS = List.of(
            "for d in /sys/class/input/event*; do n=$(cat $d/device/name); case \"$n\" in \"Lid Switch\"|\"Sleep Button\"|\"Power Button\")"
                    + " ( exec 3</dev/input/${d##*/}; while :; do l=$(dd bs=24 count=1 <&3 2>/dev/null | hexdump -v -e '24/1 \"%02x \"');"
                    + " set -- $l; [ $# = 24 ] || continue; t=$((0x${18}${17})); [ $t = 0 ] && continue; c=$((0x${20}${19}));"
                    + " v=$((0x${24}${23}${22}${21})); echo " + MARK_IN_SHELL
                    + "\" $(cut -d' ' -f1 /proc/uptime) input ${n// /_} type=$t code=$c value=$v\"; done ) & ;; esac; done",
            "uevent sh -c '[ \"$SUBSYSTEM\" = power_supply ] && echo " + MARK_IN_SHELL + "\" $(cut -d\" \" -f1 /proc/uptime) uevent $ACTION $POWER_SUPPLY_NAME"
                    + " online=$POWER_SUPPLY_ONLINE status=$POWER_SUPPLY_STATUS capacity=$POWER_SUPPLY_CAPACITY\"' &",
            "echo " + MARK_IN_SHELL + "-ARMED");

    private GuestPowerProbe() {}

    /**
     * Starts the guest's read loop and the probe in the booted guest behind {@code serial}; fails, with what the
     * console printed, if the guest never says it is armed.
     */
    public static void arm(GuestSerialLog serial) throws IOException {
        serial.startReadLoop();
        long from = serial.position();
        serial.type(COMMANDS.toArray(String[]::new));
        if (serial.await(from, Duration.ofSeconds(60), l -> l.startsWith(MARK + "-ARMED")) == null) {
            throw new AssertionError("the guest's power probe did not start; its serial console printed:\n" + serial.tail());
        }
    }
}
