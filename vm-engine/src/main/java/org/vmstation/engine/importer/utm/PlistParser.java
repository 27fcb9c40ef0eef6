package org.vmstation.engine.importer.utm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.support.Dom;
import org.vmstation.engine.importer.support.SafeXml;
import org.w3c.dom.Element;

/**
 * Apple XML property lists to plain Java values: dict → Map (in order), array → List, string → String,
 * integer → Long, real → Double, true/false → Boolean, data → byte[], date → String. Binary plists are refused
 * with a sentence saying how to convert them.
 */
public final class PlistParser {
    private static final int MAX_DEPTH = 64;

    private PlistParser() {}

    public static Object parse(Path file, byte[] bytes) throws ImportException {
        if (bytes.length >= 8 && new String(bytes, 0, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("bplist")) {
            throw new ImportException(file, "is a binary property list; convert it with 'plutil -convert xml1' first");
        }
        Element root = SafeXml.parse(file, bytes).getDocumentElement();
        if (!Dom.localName(root).equals("plist")) throw new ImportException(file, "root element is <" + root.getNodeName() + ">; expected <plist>");
        List<Element> kids = Dom.children(root);
        if (kids.size() != 1) throw new ImportException(file, "<plist> holds " + kids.size() + " values; expected exactly one");
        return value(file, kids.getFirst(), 0);
    }

    private static Object value(Path file, Element e, int depth) throws ImportException {
        if (depth > MAX_DEPTH) throw new ImportException(file, "nesting deeper than " + MAX_DEPTH + " levels");
        String text = e.getTextContent();
        switch (Dom.localName(e)) {
            case "dict" -> {
                Map<String, Object> m = new LinkedHashMap<>();
                List<Element> kids = Dom.children(e);
                if (kids.size() % 2 != 0) throw new ImportException(file, "a <dict> has a <key> without a value");
                for (int i = 0; i < kids.size(); i += 2) {
                    Element k = kids.get(i);
                    if (!Dom.localName(k).equals("key")) {
                        throw new ImportException(file, "a <dict> has <" + k.getNodeName() + "> where a <key> was expected");
                    }
                    m.put(k.getTextContent(), value(file, kids.get(i + 1), depth + 1));
                }
                return m;
            }
            case "array" -> {
                List<Object> l = new ArrayList<>();
                for (Element k : Dom.children(e)) l.add(value(file, k, depth + 1));
                return l;
            }
            case "string", "date" -> { return text; }
            case "integer" -> {
                try { return Long.parseLong(text.strip()); } catch (NumberFormatException ex) {
                    throw new ImportException(file, "<integer>" + text + "</integer> is not a whole number");
                }
            }
            case "real" -> {
                try { return Double.parseDouble(text.strip()); } catch (NumberFormatException ex) {
                    throw new ImportException(file, "<real>" + text + "</real> is not a number");
                }
            }
            case "true" -> { return Boolean.TRUE; }
            case "false" -> { return Boolean.FALSE; }
            case "data" -> {
                try { return Base64.getMimeDecoder().decode(text.strip()); } catch (IllegalArgumentException ex) {
                    throw new ImportException(file, "<data> is not base64");
                }
            }
            default -> throw new ImportException(file, "unknown property-list element <" + e.getNodeName() + ">");
        }
    }
}
