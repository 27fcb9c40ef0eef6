package org.vmstation.engine.importer.support;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns configuration bytes into text. Tools get the encoding wrong in both directions (XenServer declares
 * UTF-16 and writes ASCII; old VirtualBox writes ISO-8859-1), so the bytes decide: a byte-order mark first,
 * then the NUL pattern of UTF-16, then a declared 8-bit encoding, then strict UTF-8, then Windows-1252.
 */
public final class TextDecoding {
    private static final Pattern XML_DECL_ENCODING = Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private TextDecoding() {}

    public static String decode(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        if (b.length >= 2 && b[0] != 0 && b[1] == 0) return new String(b, StandardCharsets.UTF_16LE);
        if (b.length >= 2 && b[0] == 0 && b[1] != 0) return new String(b, StandardCharsets.UTF_16BE);
        String ascii = new String(b, 0, Math.min(b.length, 200), StandardCharsets.ISO_8859_1);
        Matcher m = XML_DECL_ENCODING.matcher(ascii);
        if (m.find()) {
            String declared = m.group(1).toLowerCase(Locale.ROOT);
            if (!declared.startsWith("utf-16") && !declared.startsWith("utf-32") && !declared.equals("utf-8")
                    && Charset.isSupported(declared)) {
                return new String(b, Charset.forName(declared));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, Charset.forName("windows-1252"));
        }
    }

    /** True when the bytes contain NUL outside what UTF-16 would explain: binary, not a configuration. */
    public static boolean looksBinary(byte[] b) {
        if (b.length >= 2 && ((b[0] == 0) != (b[1] == 0))) return false; // UTF-16 text
        if (b.length >= 2 && (((b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) || ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE))) return false;
        for (byte x : b) if (x == 0) return true;
        return false;
    }
}
