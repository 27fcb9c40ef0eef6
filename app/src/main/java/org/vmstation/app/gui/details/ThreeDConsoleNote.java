package org.vmstation.app.gui.details;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vmstation.graphics.gl.ThreeDFallbackStarter;
import org.vmstation.graphics.gl.ThreeDMode;

/**
 * What the console tab says above (or instead of) the guest's screen about 3-D: why the screen is in QEMU's own
 * window, or what failed when 3-D fell back, or that 3-D set to On was not available.
 *
 * @param text          empty: nothing to say
 * @param offerWindow   the "Show 3-D window" button applies (separate-window mode)
 * @param failed        a fallback or an unmet setting: shown as a warning
 */
public record ThreeDConsoleNote(String text, boolean offerWindow, boolean failed) {
    public static final ThreeDConsoleNote NONE = new ThreeDConsoleNote("", false, false);

    /** From the outcome of this window's start of the VM. */
    public static ThreeDConsoleNote of(ThreeDFallbackStarter.Outcome outcome, String vmName) {
        if (outcome == null) return NONE;
        if (outcome.fellBack()) return new ThreeDConsoleNote(outcome.message(), false, true);
        if (outcome.decision().mode() == ThreeDMode.SEPARATE_WINDOW) {
            return new ThreeDConsoleNote(outcome.decision().consoleNote(vmName) + " " + outcome.decision().explanation() + ".", true, false);
        }
        if (outcome.decision().settingUnmet()) return new ThreeDConsoleNote(outcome.decision().explanation(), false, true);
        return NONE;
    }

    /**
     * For a VM this window did not start (the command line, an earlier session): its QEMU's command line says
     * whether it draws into its own GL window.
     *
     * @param commandLine QEMU's arguments, as in /proc/PID/cmdline
     */
    public static ThreeDConsoleNote fromCommandLine(List<String> commandLine, String vmName) {
        int i = commandLine.indexOf("-display");
        if (i < 0 || i + 1 >= commandLine.size()) return NONE;
        String display = commandLine.get(i + 1);
        if (!display.contains("gl=on") || display.startsWith("egl-headless") || display.startsWith("dbus")) return NONE;
        return new ThreeDConsoleNote("3-D is on: the screen of '" + vmName + "' is in QEMU's own window \"QEMU (" + vmName + ")\""
                + " (-display " + display + "). QEMU does not send its OpenGL frames to this console.", true, false);
    }

    /** QEMU's arguments from its pid file and /proc; empty when it does not run or this is not Linux. */
    public static List<String> runningCommandLine(Path pidFile) {
        try {
            String pid = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
            if (!pid.matches("\\d{1,10}")) return List.of();
            byte[] raw = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
            if (raw.length > 1 << 20) return List.of();
            String all = new String(raw, StandardCharsets.UTF_8);
            return List.of(all.split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
