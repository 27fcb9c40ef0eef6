package org.vmstation.app.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON lines a second launch sends to the open window, one object per line:
 * <pre>
 * {"type":"hello","version":1}
 * {"type":"import","file":"/home/me/vm.ova"}     (zero or more)
 * {"type":"start","vm":"Demo"}                    (at most one)
 * {"type":"end"}
 * </pre>
 * and the window's answer, {@code {"ok":true}} or {@code {"ok":false,"error":"..."}}. The peer is another
 * process of the same user, but still parsed defensively: bounded lines and counts, every field checked.
 */
public final class InstanceProtocol {
    public static final int VERSION = 1;
    /** Longest line accepted, in bytes (a long path is 4 KiB). */
    public static final int MAX_LINE = 16 * 1024;
    /** Most lines in one request (files to import plus the framing). */
    public static final int MAX_LINES = 512;
    private static final ObjectMapper JSON = new ObjectMapper();

    private InstanceProtocol() {}

    public static String encode(LaunchRequest request) {
        StringBuilder out = new StringBuilder();
        out.append(line("type", "hello").put("version", VERSION)).append('\n');
        for (Path f : request.files()) out.append(line("type", "import").put("file", f.toString())).append('\n');
        if (request.startVm() != null) out.append(line("type", "start").put("vm", request.startVm())).append('\n');
        out.append(line("type", "end")).append('\n');
        return out.toString();
    }

    public static String answer(String error) {
        ObjectNode o = JSON.createObjectNode().put("ok", error == null);
        if (error != null) o.put("error", error);
        return o + "\n";
    }

    private static ObjectNode line(String key, String value) { return JSON.createObjectNode().put(key, value); }

    /** Reads one request up to its {@code end} line. */
    public static LaunchRequest read(InputStream in) throws IOException {
        String first = readLine(in);
        JsonNode hello = parse(first, 1);
        if (!"hello".equals(type(hello, 1))) throw new InstanceProtocolException("line 1: expected a hello, got " + first);
        if (hello.path("version").asInt(-1) != VERSION) {
            throw new InstanceProtocolException("line 1: protocol version " + hello.path("version") + " is not " + VERSION);
        }
        List<Path> files = new ArrayList<>();
        String start = null;
        for (int n = 2; n <= MAX_LINES; n++) {
            JsonNode o = parse(readLine(in), n);
            switch (type(o, n)) {
                case "import" -> files.add(absolutePath(text(o, "file", n), n));
                case "start" -> {
                    if (start != null) throw new InstanceProtocolException("line " + n + ": a second 'start'");
                    start = text(o, "vm", n);
                }
                case "end" -> { return new LaunchRequest(files, start); }
                default -> throw new InstanceProtocolException("line " + n + ": unknown type '" + o.get("type").asText() + "'");
            }
        }
        throw new InstanceProtocolException("more than " + MAX_LINES + " lines without an 'end'");
    }

    /** Reads the window's answer; returns null when it is ok, else the error it gave. */
    public static String readAnswer(InputStream in) throws IOException {
        JsonNode o = parse(readLine(in), 1);
        if (!o.path("ok").isBoolean()) throw new InstanceProtocolException("answer without 'ok': " + o);
        return o.get("ok").asBoolean() ? null : o.path("error").asText("refused");
    }

    /** One line without its newline; bounded, UTF-8. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) throw new InstanceProtocolException("connection closed in the middle of a request");
            if (b == '\n') return line.toString(StandardCharsets.UTF_8);
            if (line.size() >= MAX_LINE) throw new InstanceProtocolException("line longer than " + MAX_LINE + " bytes");
            line.write(b);
        }
    }

    private static JsonNode parse(String line, int n) throws InstanceProtocolException {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (IOException e) {
            throw new InstanceProtocolException("line " + n + " is not JSON: " + abbreviate(line));
        }
        if (o == null || !o.isObject()) throw new InstanceProtocolException("line " + n + " is not a JSON object: " + abbreviate(line));
        return o;
    }

    private static String type(JsonNode o, int n) throws InstanceProtocolException {
        return text(o, "type", n);
    }

    private static String text(JsonNode o, String field, int n) throws InstanceProtocolException {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new InstanceProtocolException("line " + n + ": field '" + field + "' must be non-empty text, got " + v);
        }
        return v.asText();
    }

    private static Path absolutePath(String s, int n) throws InstanceProtocolException {
        try {
            Path p = Path.of(s);
            if (!p.isAbsolute() || s.indexOf('\0') >= 0) throw new InvalidPathException(s, "not absolute");
            return p;
        } catch (InvalidPathException e) {
            throw new InstanceProtocolException("line " + n + ": 'file' must be an absolute path, got " + abbreviate(s));
        }
    }

    private static String abbreviate(String s) { return s.length() <= 80 ? s : s.substring(0, 80) + "…"; }

    /** A malformed request: the connection ends with this error, the window carries on. */
    public static final class InstanceProtocolException extends IOException {
        public InstanceProtocolException(String message) { super(message); }
    }
}
