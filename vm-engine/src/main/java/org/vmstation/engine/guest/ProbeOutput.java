package org.vmstation.engine.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Extracts the demo guest's probe results from serial console text.
 *
 * <p>A probe block is the lines between {@code VMSTATION-PROBE-BEGIN <name>} and
 * {@code VMSTATION-PROBE-END <name>}. Carriage returns are dropped, kernel log lines
 * ({@code [    1.234567] ...}) that interleave with a block are skipped, a block that is never
 * closed (or closed with another name) is discarded, and a later block with the same name replaces
 * an earlier one (a rebooted guest probes again). Guest output is untrusted, so lines, lines per
 * block and the number of blocks are capped.
 */
public final class ProbeOutput {
    public static final String BEGIN = "VMSTATION-PROBE-BEGIN ";
    public static final String END = "VMSTATION-PROBE-END ";
    static final int MAX_LINE_CHARS = 4096;
    static final int MAX_LINES_PER_PROBE = 10_000;
    static final int MAX_PROBES = 64;
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final Pattern KERNEL_LOG_LINE = Pattern.compile("^\\[\\s*\\d+\\.\\d+] .*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private ProbeOutput() {
    }

    /** Probe name to its output lines, in the order the blocks appeared. */
    public static Map<String, List<String>> parse(String serialText) {
        Map<String, List<String>> probes = new LinkedHashMap<>();
        String current = null;
        List<String> lines = null;
        for (String raw : serialText.split("\n", -1)) {
            String line = raw.replace("\r", "");
            if (line.length() > MAX_LINE_CHARS) {
                line = line.substring(0, MAX_LINE_CHARS);
            }
            String begin = markerName(line, BEGIN);
            String end = markerName(line, END);
            if (begin != null) {
                current = begin;
                lines = new ArrayList<>();
            } else if (end != null) {
                if (end.equals(current) && (probes.containsKey(current) || probes.size() < MAX_PROBES)) {
                    probes.remove(current);
                    probes.put(current, Collections.unmodifiableList(lines));
                }
                current = null;
                lines = null;
            } else if (current != null && !KERNEL_LOG_LINE.matcher(line).matches()) {
                if (lines.size() >= MAX_LINES_PER_PROBE) {
                    current = null;
                    lines = null;
                } else {
                    lines.add(line);
                }
            }
        }
        return Collections.unmodifiableMap(probes);
    }

    /** Parses a serial log file; refuses files over 16 MiB rather than reading unbounded guest output. */
    public static Map<String, List<String>> parse(Path serialLog) throws IOException {
        long size = Files.size(serialLog);
        if (size > MAX_FILE_BYTES) {
            throw new IOException("serial log " + serialLog + " is " + size + " bytes; at most " + MAX_FILE_BYTES + " are parsed");
        }
        return parse(new String(Files.readAllBytes(serialLog), StandardCharsets.UTF_8));
    }

    /** The probe name if {@code line} is exactly a marker of this kind, else null. */
    private static String markerName(String line, String prefix) {
        String trimmed = line.strip();
        if (!trimmed.startsWith(prefix)) {
            return null;
        }
        String name = trimmed.substring(prefix.length()).strip();
        return NAME.matcher(name).matches() ? name : null;
    }
}
