package org.vmstation.engine.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what QEMU printed before it exited into one sentence the user can act on. QEMU's messages name the
 * option that failed and use its own terms; the user needs to know which file, which VM and what to do.
 * Unknown messages fall back to QEMU's last error line, cleaned of its prefixes.
 */
public final class QemuErrorTranslator {
    /** What kind of failure, so callers can pick an error code or an action (e.g. offer to stop the other VM). */
    public enum Kind {
        DISK_IN_USE, MISSING_FILE, PERMISSION_DENIED, ALREADY_RUNNING, NO_SUCH_DEVICE, NO_SUCH_MACHINE,
        KVM_UNAVAILABLE, PORT_IN_USE, OUT_OF_MEMORY, WRONG_FORMAT, OTHER
    }

    /** The translated error: its kind and the sentence for the user. */
    public record Translation(Kind kind, String message) {}

    /** A rule looks at one cleaned line (and the line after it) and answers a translation or null. */
    private record Rule(Pattern pattern, Function<Context, Translation> translate) {}

    private record Context(Matcher match, String line, String next) {}

    private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z\\s+");
    private static final Pattern PROGRAM = Pattern.compile("^(?:qemu-system-[\\w-]+|qemu-kvm|qemu)(?:\\.exe)?:\\s*");
    private static final Pattern IMAGE_IN_BRACKETS = Pattern.compile("Is another process using the image \\[(.*)]\\?");
    private static final Pattern FILENAME_OPTION = Pattern.compile("(?:filename|file)=((?:[^,]|,,)+)");

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("Failed to get \"[\\w ]+\" lock"), c -> {
                String path = firstGroup(IMAGE_IN_BRACKETS, c.next());
                if (path == null) path = firstGroup(IMAGE_IN_BRACKETS, c.line());
                if (path == null) path = filenameOption(c.line());
                return new Translation(Kind.DISK_IN_USE, "The disk " + (path == null ? "" : path + " ")
                        + "is in use by another VM or program (QEMU holds a lock on it). Stop the other VM first.");
            }),
            new Rule(Pattern.compile("Cannot lock pid file"),
                    c -> new Translation(Kind.ALREADY_RUNNING, "The VM is already running (another QEMU holds its pid file).")),
            new Rule(Pattern.compile("'([^']*)'(?: to be a regular file|: No such file or directory)"), c ->
                    c.line().contains("regular file")
                            ? new Translation(Kind.MISSING_FILE, "The file " + c.match().group(1) + " is not a regular file (a folder or device was given).")
                            : new Translation(Kind.MISSING_FILE, "The file " + c.match().group(1) + " does not exist.")),
            new Rule(Pattern.compile("Could not access KVM kernel module: Permission denied|Permission denied.*/dev/kvm|/dev/kvm.*Permission denied"),
                    c -> new Translation(Kind.KVM_UNAVAILABLE, "No permission to use /dev/kvm: add yourself to the kvm group "
                            + "(sudo usermod -aG kvm $USER, then log in again), or start the VM with software emulation.")),
            new Rule(Pattern.compile("Could not access KVM kernel module|failed to initialize kvm|KVM is not supported|kvm.*not available", Pattern.CASE_INSENSITIVE),
                    c -> new Translation(Kind.KVM_UNAVAILABLE, "KVM hardware acceleration is not available (" + c.line()
                            + "): enable virtualization in the firmware settings and load the kvm module, or use software emulation.")),
            new Rule(Pattern.compile("'([^']*)': Permission denied"),
                    c -> new Translation(Kind.PERMISSION_DENIED, "QEMU may not open " + c.match().group(1)
                            + ": permission denied (check the file's owner and permissions).")),
            new Rule(Pattern.compile("Permission denied"),
                    c -> new Translation(Kind.PERMISSION_DENIED, "Permission denied: " + c.line())),
            new Rule(Pattern.compile("'([^']*)' is not a valid device model name"),
                    c -> new Translation(Kind.NO_SUCH_DEVICE, "This QEMU has no device '" + c.match().group(1)
                            + "' (it was built without it, or a package such as qemu-system-gui or qemu-system-modules-spice is missing).")),
            new Rule(Pattern.compile("unsupported machine type|machine type '([^']*)' not found|Unsupported machine type"),
                    c -> new Translation(Kind.NO_SUCH_MACHINE, "This QEMU does not support the VM's machine type; "
                            + "choose another (e.g. q35) or install a newer QEMU.")),
            new Rule(Pattern.compile("Could not set up host forwarding rule '([^']*)'"),
                    c -> new Translation(Kind.PORT_IN_USE, "The port forward " + c.match().group(1)
                            + " could not be set up: the host port is in use by another program or VM, or needs privileges (ports below 1024).")),
            new Rule(Pattern.compile("cannot set up guest memory|Cannot allocate memory"),
                    c -> new Translation(Kind.OUT_OF_MEMORY, "There is not enough free memory for the VM's RAM: "
                            + "give the VM less memory or close other programs.")),
            new Rule(Pattern.compile("Image is not in (\\w+) format"), c -> {
                String path = filenameOption(c.line());
                return new Translation(Kind.WRONG_FORMAT, "The disk " + (path == null ? "" : path + " ") + "is not a "
                        + c.match().group(1) + " image: correct the disk's format in the VM settings.");
            }));

    private QemuErrorTranslator() {}

    /** Translates QEMU's output from one failed start (stdout and stderr interleaved, in order). */
    public static Translation translate(List<String> lines) {
        List<String> cleaned = new ArrayList<>();
        for (String raw : lines) {
            String c = clean(raw);
            if (!c.isEmpty()) cleaned.add(c);
        }
        for (Rule rule : RULES) {
            for (int i = 0; i < cleaned.size(); i++) {
                Matcher m = rule.pattern().matcher(cleaned.get(i));
                if (m.find()) {
                    String next = i + 1 < cleaned.size() ? cleaned.get(i + 1) : "";
                    return rule.translate().apply(new Context(m, cleaned.get(i), next));
                }
            }
        }
        return new Translation(Kind.OTHER, fallback(cleaned));
    }

    /** QEMU's last real error line (warnings only when nothing else was said). */
    private static String fallback(List<String> cleaned) {
        for (int i = cleaned.size() - 1; i >= 0; i--) {
            String line = cleaned.get(i);
            if (!line.startsWith("warning:") && !line.startsWith("terminating on signal")) return line;
        }
        return cleaned.isEmpty() ? "QEMU stopped without printing an error." : cleaned.getLast();
    }

    /** Removes the -msg timestamp and the program name; the failing option's text stays (it names the file). */
    static String clean(String raw) {
        String s = raw.strip();
        s = TIMESTAMP.matcher(s).replaceFirst("");
        s = PROGRAM.matcher(s).replaceFirst("");
        return s;
    }

    private static String firstGroup(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** The file named in the failing option ({@code -blockdev driver=file,filename=...: message}). */
    private static String filenameOption(String line) {
        Matcher m = FILENAME_OPTION.matcher(line);
        String found = null;
        while (m.find()) {
            String v = m.group(1).replace(",,", ",");
            int colon = v.indexOf(": ");
            found = colon >= 0 ? v.substring(0, colon) : v;
        }
        return found;
    }
}
