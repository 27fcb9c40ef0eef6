package org.vmstation.engine.qemu;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the text QEMU prints for {@code -version} and the {@code help} listings. Pure functions. */
final class QemuHelpParser {
    private static final Pattern VERSION = Pattern.compile("QEMU emulator version (\\d+\\.\\d+(?:\\.\\d+)?)[^\\n(]*(?:\\((.*)\\))?");
    private static final Pattern DEVICE_NAME = Pattern.compile("^name \"([^\"]+)\"");
    private static final Pattern DEVICE_ALIAS = Pattern.compile(", alias \"([^\"]+)\"");
    private static final Pattern MACHINE = Pattern.compile("^(\\S+)\\s+\\S.*$");

    private QemuHelpParser() {}

    /** [version, package info]; package info is "" when the build has none. */
    static String[] version(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.find()) throw new IllegalArgumentException("no 'QEMU emulator version' line in: " + firstLine(text));
        return new String[] {m.group(1), m.group(2) == null ? "" : m.group(2).trim()};
    }

    static Set<String> machines(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : text.split("\\R")) {
            if (line.startsWith("Supported machines")) continue;
            Matcher m = MACHINE.matcher(line);
            if (m.matches()) out.add(m.group(1));
        }
        return out;
    }

    static Set<String> devices(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : text.split("\\R")) {
            Matcher m = DEVICE_NAME.matcher(line);
            if (!m.find()) continue;
            out.add(m.group(1));
            Matcher alias = DEVICE_ALIAS.matcher(line);
            while (alias.find()) out.add(alias.group(1));
        }
        return out;
    }

    /** The lines under a header such as "Accelerators supported in QEMU binary:", one word each. */
    static List<String> listAfterHeader(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String t = line.trim();
            if (t.isEmpty() || t.endsWith(":") || t.contains(" ")) continue;
            out.add(t);
        }
        return out;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
