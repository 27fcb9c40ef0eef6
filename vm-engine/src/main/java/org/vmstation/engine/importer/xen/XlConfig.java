package org.vmstation.engine.importer.xen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmstation.engine.importer.ImportException;

/**
 * The data of an xl/xm domain configuration. xl files are {@code key = value} lines whose values are numbers,
 * quoted strings or (nested, multi-line) lists; old xm files are Python programs. This reader never evaluates
 * anything: it takes the assignments whose values are plain literals, keeps list elements that are literals,
 * and records every statement or element it skipped (imports, if/def blocks, {@code "VM%d" % vmid}) so the
 * importer can report them.
 */
final class XlConfig {
    private static final Pattern ASSIGN = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*=(?!=)\\s*(.*)$", Pattern.DOTALL);
    static final int MAX_STATEMENT = 64 * 1024;

    /** A value: String, Long, or List of values; an element that was a Python expression is {@link Expression}. */
    record Expression(String source) {}

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();

    Map<String, Object> values() { return values; }

    /** "line N: text" for every statement that was not a plain assignment of literals. */
    List<String> skipped() { return skipped; }

    static XlConfig parse(Path file, String text) throws ImportException {
        XlConfig c = new XlConfig();
        String[] lines = text.split("\r\n|\n|\r", -1);
        StringBuilder stmt = new StringBuilder();
        int start = 0;
        int depth = 0;
        boolean inBlock = false;
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            if (stmt.isEmpty()) {
                if (line.isBlank()) continue;
                start = i + 1;
                boolean indented = Character.isWhitespace(lines[i].charAt(0));
                if (indented && inBlock) {
                    c.skipped.add("line " + start + ": " + lines[i].strip() + " (inside a Python block)");
                    continue;
                }
                inBlock = false;
            }
            stmt.append(line).append('\n');
            if (stmt.length() > MAX_STATEMENT) {
                throw new ImportException(file, "statement starting at line " + start + " is longer than " + MAX_STATEMENT + " characters; not a domain configuration");
            }
            depth = depth(stmt);
            if (depth > 0 && i < lines.length - 1) continue;
            String s = stmt.toString().strip();
            stmt.setLength(0);
            if (depth != 0) {
                throw new ImportException(file, "line " + start + ": a '[' or '(' opened here is never closed");
            }
            if (s.endsWith(":")) {
                inBlock = true;
                c.skipped.add("line " + start + ": " + firstLine(s) + " (Python block)");
                continue;
            }
            Matcher m = ASSIGN.matcher(s);
            if (!m.matches()) {
                c.skipped.add("line " + start + ": " + firstLine(s));
                continue;
            }
            Object v = new ValueParser(m.group(2).strip()).whole();
            if (v instanceof Expression) c.skipped.add("line " + start + ": " + m.group(1) + " = " + firstLine(m.group(2).strip()) + " (a Python expression)");
            else c.values.put(m.group(1), v);
        }
        return c;
    }

    private static String firstLine(String s) {
        String f = s.lines().findFirst().orElse("").strip();
        return f.length() > 70 ? f.substring(0, 70) + "..." : f;
    }

    /** Removes a # comment that is not inside a string. */
    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == '\\') i++;
                else if (ch == quote) quote = 0;
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static int depth(CharSequence s) {
        int d = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == '\\') i++;
                else if (ch == quote) quote = 0;
            } else if (ch == '\'' || ch == '"') quote = ch;
            else if (ch == '[' || ch == '(') d++;
            else if (ch == ']' || ch == ')') d--;
        }
        return d;
    }

    String string(String key) {
        Object v = values.get(key);
        return v instanceof String s ? s : v instanceof Long l ? String.valueOf(l) : null;
    }

    long number(String key, long fallback) {
        Object v = values.get(key);
        if (v instanceof Long l) return l;
        if (v instanceof String s) {
            try { return Long.parseLong(s.strip()); } catch (NumberFormatException e) { return fallback; }
        }
        return fallback;
    }

    /** A list value's elements (a single string is a one-element list); Expressions are kept for reporting. */
    List<Object> list(String key) {
        Object v = values.get(key);
        if (v == null) return List.of();
        if (v instanceof List<?> l) return new ArrayList<>(l);
        return List.of(v);
    }

    /** Recursive-descent reader of literal values; anything else becomes an Expression. */
    private static final class ValueParser {
        private final String s;
        private int pos;

        ValueParser(String s) { this.s = s; }

        Object whole() {
            int begin = pos;
            Object v = value();
            skipSpace();
            if (v == null || pos < s.length()) return new Expression(s.substring(begin));
            return v;
        }

        private void skipSpace() { while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++; }

        private Object value() {
            skipSpace();
            if (pos >= s.length()) return null;
            char ch = s.charAt(pos);
            if (ch == '\'' || ch == '"') return string(ch);
            if (ch == '[') return list();
            int begin = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '-' || s.charAt(pos) == '.'
                    || s.charAt(pos) == '_')) pos++;
            String word = s.substring(begin, pos);
            if (word.matches("-?\\d+")) {
                try { return Long.parseLong(word); } catch (NumberFormatException e) { return word; }
            }
            if (word.matches("0[xX][0-9a-fA-F]+")) return Long.parseLong(word.substring(2), 16);
            if (word.equals("True")) return 1L;
            if (word.equals("False")) return 0L;
            return null; // a name: Python code, not a literal
        }

        private String string(char quote) {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != quote) {
                char ch = s.charAt(pos++);
                if (ch == '\\' && pos < s.length()) ch = s.charAt(pos++);
                sb.append(ch);
            }
            if (pos >= s.length()) return null;
            pos++;
            return sb.toString();
        }

        private Object list() {
            pos++;
            List<Object> out = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= s.length()) return null;
                if (s.charAt(pos) == ']') {
                    pos++;
                    return out;
                }
                int begin = pos;
                Object v = value();
                skipSpace();
                if (v == null || (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ']')) {
                    skipElement();
                    out.add(new Expression(s.substring(begin, pos).strip()));
                } else {
                    out.add(v);
                }
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == ',') pos++;
            }
        }

        /** Skips to the next ',' or ']' at this list's depth. */
        private void skipElement() {
            int d = 0;
            char quote = 0;
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (quote != 0) {
                    if (ch == quote) quote = 0;
                } else if (ch == '\'' || ch == '"') quote = ch;
                else if (ch == '[' || ch == '(') d++;
                else if ((ch == ']' || ch == ')') && d > 0) d--;
                else if ((ch == ',' || ch == ']') && d == 0) return;
                pos++;
            }
        }
    }
}
