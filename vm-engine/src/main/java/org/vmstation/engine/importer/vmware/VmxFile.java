package org.vmstation.engine.importer.vmware;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.support.TextDecoding;

/**
 * The key/value text of a .vmx (or .vmsd): {@code key = "value"} lines, with a shebang, comments, blank lines
 * and CRLF tolerated, keys case-insensitive (stored lower-case; the last duplicate wins), and VMware's
 * {@code |XX} hex escapes in quoted values decoded ({@code |22} is a quote, {@code |7C} a bar).
 */
public final class VmxFile {
    private static final Pattern LINE = Pattern.compile("^\\s*([A-Za-z0-9_.:\\[\\]-]+)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern ESCAPE = Pattern.compile("\\|([0-9A-Fa-f]{2})");

    private final Map<String, String> values;

    private VmxFile(Map<String, String> values) { this.values = values; }

    public static VmxFile parse(Path file, byte[] bytes) throws ImportException {
        if (TextDecoding.looksBinary(bytes)) throw new ImportException(file, "contains NUL bytes; a .vmx is a text file of key = \"value\" lines");
        String text = TextDecoding.decode(bytes);
        Map<String, String> values = parseText(file, text);
        String enc = values.get(".encoding");
        if (enc != null && !enc.equalsIgnoreCase("UTF-8") && Charset.isSupported(enc)) {
            values = parseText(file, new String(bytes, Charset.forName(enc)));
        }
        return new VmxFile(values);
    }

    private static Map<String, String> parseText(Path file, String text) throws ImportException {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        int bad = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                if (++bad > 3 || out.isEmpty() && bad > 0 && i < 3) {
                    throw new ImportException(file, "line " + (i + 1) + " is not a 'key = \"value\"' entry: '" + preview(line) + "'");
                }
                continue;
            }
            out.put(m.group(1).toLowerCase(Locale.ROOT), unquote(m.group(2)));
        }
        if (out.isEmpty()) throw new ImportException(file, "holds no 'key = \"value\"' entries; not a VMware configuration");
        return out;
    }

    private static String unquote(String raw) {
        String v = raw;
        if (v.startsWith("\"")) {
            int end = v.lastIndexOf('"');
            v = end > 0 ? v.substring(1, end) : v.substring(1);
        } else {
            int hash = v.indexOf(" #");
            if (hash >= 0) v = v.substring(0, hash).strip();
        }
        Matcher m = ESCAPE.matcher(v);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        m.appendTail(sb);
        return sb.toString();
    }

    private static String preview(String s) { return s.length() > 60 ? s.substring(0, 60) + "..." : s; }

    public String get(String key) { return values.get(key.toLowerCase(Locale.ROOT)); }

    public String get(String key, String fallback) {
        String v = get(key);
        return v == null ? fallback : v;
    }

    public boolean isTrue(String key) {
        String v = get(key);
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"));
    }

    public long number(String key, long fallback) {
        String v = get(key);
        if (v == null) return fallback;
        try { return Long.parseLong(v.strip()); } catch (NumberFormatException e) { return fallback; }
    }

    public Map<String, String> all() { return values; }
}
