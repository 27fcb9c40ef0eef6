package org.vmstation.engine.importer.ovf;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmstation.engine.importer.ImportException;

/**
 * An OVF manifest (.mf): one digest per file, in either line style tools write:
 * {@code SHA1(name)= hex} (Ganeti, VirtualBox) or {@code SHA256 (name) = hex} (ovftool).
 */
public final class Manifest {
    private static final Pattern LINE = Pattern.compile("^\\s*(SHA1|SHA256|SHA512)\\s*\\((.+)\\)\\s*=\\s*([0-9a-fA-F]+)\\s*$");

    /** One line: the algorithm in Java's naming and the expected digest. */
    public record Entry(String algorithm, String file, String hexDigest) {
        public MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " missing from the JDK", e);
            }
        }

        public boolean matches(byte[] digest) { return HexFormat.of().formatHex(digest).equalsIgnoreCase(hexDigest); }
    }

    private final Map<String, Entry> entries;

    private Manifest(Map<String, Entry> entries) { this.entries = entries; }

    public Map<String, Entry> entries() { return entries; }

    public static Manifest parse(Path file, String text) throws ImportException {
        Map<String, Entry> out = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n|\r");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) continue;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new ImportException(file, "line " + (i + 1) + " is not a manifest entry: expected 'SHA256(file)= hex' or "
                        + "'SHA1 (file) = hex', found '" + (line.length() > 80 ? line.substring(0, 80) + "..." : line) + "'");
            }
            String algo = switch (m.group(1).toUpperCase(Locale.ROOT)) {
                case "SHA1" -> "SHA-1";
                case "SHA256" -> "SHA-256";
                default -> "SHA-512";
            };
            int expectedHex = switch (algo) { case "SHA-1" -> 40; case "SHA-256" -> 64; default -> 128; };
            if (m.group(3).length() != expectedHex) {
                throw new ImportException(file, "line " + (i + 1) + ": a " + algo + " digest has " + expectedHex + " hex digits, found "
                        + m.group(3).length());
            }
            out.put(m.group(2).strip(), new Entry(algo, m.group(2).strip(), m.group(3)));
        }
        return new Manifest(out);
    }
}
