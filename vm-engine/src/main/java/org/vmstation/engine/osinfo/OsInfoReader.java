package org.vmstation.engine.osinfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one osinfo-db OS file ({@code os/<vendor>/<os>.xml}) with StAX. DTDs, entities and external resources
 * are refused (osinfo files use none), files over {@link #MAX_FILE_BYTES} are refused before parsing, and every
 * error names the file and, where it can, the line and the element.
 */
public final class OsInfoReader {
    /** The largest osinfo-db OS file is about 23 KB; anything near this is not an osinfo file. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;
    public static final String ARCH = "x86_64";

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(OsInfoReader::secureFactory);

    private OsInfoReader() {}

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("refers to the external resource '" + systemId + "'");
        });
        return f;
    }

    /** Every {@code <os>} element of {@code file} (osinfo-db files hold one). */
    static List<OsInfoRecord> read(Path file) throws OsInfoException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new OsInfoException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (size > MAX_FILE_BYTES) {
            throw new OsInfoException(file, "is " + size + " bytes: an osinfo OS file is expected to be at most " + MAX_FILE_BYTES + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = FACTORY.get().createXMLStreamReader(file.toUri().toString(), in);
            try {
                return readDocument(file, r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
            throw new OsInfoException(file, "is not a valid osinfo OS file" + where + ": " + cleanMessage(e), e);
        } catch (IOException e) {
            throw new OsInfoException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static String cleanMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int i = m.indexOf("Message: ");
        return (i >= 0 ? m.substring(i + 9) : m).strip();
    }

    private static List<OsInfoRecord> readDocument(Path file, XMLStreamReader r) throws XMLStreamException, OsInfoException {
        List<OsInfoRecord> out = new ArrayList<>();
        boolean root = false;
        while (r.hasNext()) {
            int ev = r.next();
            refuseEntities(file, r, ev);
            if (ev != XMLStreamConstants.START_ELEMENT) continue;
            if (!root) {
                if (!r.getLocalName().equals("libosinfo")) {
                    throw new OsInfoException(file, "expected a <libosinfo> root element, found <" + r.getLocalName() + ">");
                }
                root = true;
            } else if (r.getLocalName().equals("os")) {
                out.add(readOs(file, r));
            } else {
                skip(file, r);
            }
        }
        if (!root) throw new OsInfoException(file, "has no <libosinfo> root element");
        return out;
    }

    private static void refuseEntities(Path file, XMLStreamReader r, int ev) throws OsInfoException {
        if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE || ev == XMLStreamConstants.ENTITY_DECLARATION) {
            throw new OsInfoException(file, "declares a DTD or XML entities (line " + r.getLocation().getLineNumber()
                    + "); osinfo files use none, so they are refused");
        }
    }

    private static OsInfoRecord readOs(Path file, XMLStreamReader r) throws XMLStreamException, OsInfoException {
        OsInfoRecord os = new OsInfoRecord(file);
        os.id = r.getAttributeValue(null, "id");
        if (os.id == null || os.id.isBlank()) throw new OsInfoException(file, "<os> at line " + r.getLocation().getLineNumber() + " has no id attribute");
        while (true) {
            int ev = r.next();
            refuseEntities(file, r, ev);
            if (ev == XMLStreamConstants.END_ELEMENT) return os;
            if (ev != XMLStreamConstants.START_ELEMENT) continue;
            String el = r.getLocalName();
            boolean localized = isLocalized(r);
            switch (el) {
                case "short-id" -> os.shortIds.add(text(file, r));
                case "name" -> { String v = text(file, r); if (!localized) os.name = v; }
                case "vendor" -> { String v = text(file, r); if (!localized) os.vendor = v; }
                case "family" -> os.family = text(file, r);
                case "distro" -> os.distro = text(file, r);
                case "version" -> os.version = text(file, r);
                case "release-status" -> os.releaseStatus = text(file, r);
                case "release-date" -> os.releaseDate = date(file, r, el);
                case "eol-date" -> os.eolDate = date(file, r, el);
                case "derives-from" -> { os.derivesFrom = attribute(file, r, "id"); skip(file, r); }
                case "clones" -> { os.clones = attribute(file, r, "id"); skip(file, r); }
                case "firmware" -> firmware(file, r, os);
                case "resources" -> resources(file, r, os);
                case "devices" -> devices(file, r, os);
                case "media" -> media(file, r, os);
                default -> skip(file, r);
            }
        }
    }

    private static boolean isLocalized(XMLStreamReader r) {
        return r.getAttributeValue(XMLConstants.XML_NS_URI, "lang") != null;
    }

    private static boolean forOurArch(String arch) { return arch == null || arch.equals(ARCH) || arch.equals("all"); }

    private static void firmware(Path file, XMLStreamReader r, OsInfoRecord os) throws XMLStreamException, OsInfoException {
        String arch = r.getAttributeValue(null, "arch");
        String type = r.getAttributeValue(null, "type");
        boolean supported = !"false".equals(r.getAttributeValue(null, "supported"));
        skip(file, r);
        if (type != null && forOurArch(arch)) os.firmware.put(type, supported);
    }

    private static void resources(Path file, XMLStreamReader r, OsInfoRecord os) throws XMLStreamException, OsInfoException {
        String arch = r.getAttributeValue(null, "arch");
        boolean x86 = ARCH.equals(arch);
        boolean all = arch == null || arch.equals("all");
        while (true) {
            int ev = r.next();
            refuseEntities(file, r, ev);
            if (ev == XMLStreamConstants.END_ELEMENT) return;
            if (ev != XMLStreamConstants.START_ELEMENT) continue;
            String block = r.getLocalName();
            if (!block.equals("minimum") && !block.equals("recommended") || !(x86 || all)) {
                skip(file, r);
                continue;
            }
            OsResources res = resourceBlock(file, r, block);
            if (block.equals("minimum")) {
                if (x86) os.minimumX86 = res; else os.minimumAll = res;
            } else {
                if (x86) os.recommendedX86 = res; else os.recommendedAll = res;
            }
        }
    }

    private static OsResources resourceBlock(Path file, XMLStreamReader r, String block) throws XMLStreamException, OsInfoException {
        long ram = 0, storage = 0;
        int cpus = 0;
        while (true) {
            int ev = r.next();
            refuseEntities(file, r, ev);
            if (ev == XMLStreamConstants.END_ELEMENT) return new OsResources(ram, cpus, storage);
            if (ev != XMLStreamConstants.START_ELEMENT) continue;
            switch (r.getLocalName()) {
                case "ram" -> ram = number(file, r, block + "/ram");
                case "storage" -> storage = number(file, r, block + "/storage");
                case "n-cpus" -> cpus = (int) Math.min(Integer.MAX_VALUE, number(file, r, block + "/n-cpus"));
                default -> skip(file, r);
            }
        }
    }

    private static void devices(Path file, XMLStreamReader r, OsInfoRecord os) throws XMLStreamException, OsInfoException {
        while (true) {
            int ev = r.next();
            refuseEntities(file, r, ev);
            if (ev == XMLStreamConstants.END_ELEMENT) return;
            if (ev != XMLStreamConstants.START_ELEMENT) continue;
            if (r.getLocalName().equals("device")) {
                String id = attribute(file, r, "id");
                os.devices.put(id, !"false".equals(r.getAttributeValue(null, "supported")));
            }
            skip(file, r);
        }
    }

    private static void media(Path file, XMLStreamReader r, OsInfoRecord os) throws XMLStreamException, OsInfoException {
        String arch = r.getAttributeValue(null, "arch");
        boolean live = "true".equals(r.getAttributeValue(null, "live"));
        boolean ours = forOurArch(arch);
        while (true) {
            int ev = r.next();
            refuseEntities(file, r, ev);
            if (ev == XMLStreamConstants.END_ELEMENT) return;
            if (ev != XMLStreamConstants.START_ELEMENT) continue;
            if (ours && r.getLocalName().equals("iso")) {
                iso(file, r, os, arch == null ? "all" : arch, live);
            } else {
                skip(file, r);
            }
        }
    }

    private static void iso(Path file, XMLStreamReader r, OsInfoRecord os, String arch, boolean live) throws XMLStreamException, OsInfoException {
        String volume = null, system = null, publisher = null, application = null;
        int line = r.getLocation().getLineNumber();
        while (true) {
            int ev = r.next();
            refuseEntities(file, r, ev);
            if (ev == XMLStreamConstants.END_ELEMENT) break;
            if (ev != XMLStreamConstants.START_ELEMENT) continue;
            switch (r.getLocalName()) {
                case "volume-id" -> volume = text(file, r);
                case "system-id" -> system = text(file, r);
                case "publisher-id" -> publisher = text(file, r);
                case "application-id" -> application = text(file, r);
                default -> skip(file, r);
            }
        }
        if (volume == null || volume.isEmpty()) return; // nothing to recognise the image by
        try {
            os.media.add(new IsoMedia(arch, Pattern.compile(volume), compile(system), compile(publisher), compile(application), live));
        } catch (PatternSyntaxException e) {
            os.warnings.add(file + ": <iso> at line " + line + " skipped: expression '" + e.getPattern() + "' is not valid: " + e.getDescription());
        }
    }

    private static Pattern compile(String regex) { return regex == null || regex.isEmpty() ? null : Pattern.compile(regex); }

    private static String attribute(Path file, XMLStreamReader r, String name) throws OsInfoException {
        String v = r.getAttributeValue(null, name);
        if (v == null || v.isBlank()) {
            throw new OsInfoException(file, "<" + r.getLocalName() + "> at line " + r.getLocation().getLineNumber() + " has no " + name + " attribute");
        }
        return v.strip();
    }

    private static String text(Path file, XMLStreamReader r) throws XMLStreamException, OsInfoException {
        StringBuilder s = new StringBuilder();
        while (true) {
            int ev = r.next();
            refuseEntities(file, r, ev);
            switch (ev) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> s.append(r.getText());
                case XMLStreamConstants.END_ELEMENT -> { return s.toString().strip(); }
                case XMLStreamConstants.START_ELEMENT -> throw new OsInfoException(file, "expected text in an element at line "
                        + r.getLocation().getLineNumber() + ", found <" + r.getLocalName() + ">");
                default -> { /* comments, processing instructions */ }
            }
        }
    }

    private static long number(Path file, XMLStreamReader r, String what) throws XMLStreamException, OsInfoException {
        int line = r.getLocation().getLineNumber();
        String v = text(file, r);
        try {
            long n = Long.parseLong(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new OsInfoException(file, "<" + what + "> at line " + line + " is '" + v + "': expected a non-negative whole number");
        }
    }

    /** YYYY-MM-DD as osinfo writes it; a bare YYYY-MM means the first of that month. */
    private static LocalDate date(Path file, XMLStreamReader r, String what) throws XMLStreamException, OsInfoException {
        int line = r.getLocation().getLineNumber();
        String v = text(file, r);
        try {
            return v.length() == 7 ? YearMonth.parse(v).atDay(1) : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new OsInfoException(file, "<" + what + "> at line " + line + " is '" + v + "': expected a date as YYYY-MM-DD");
        }
    }

    /** Skips the current element and everything inside it. */
    private static void skip(Path file, XMLStreamReader r) throws XMLStreamException, OsInfoException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            refuseEntities(file, r, ev);
            if (ev == XMLStreamConstants.START_ELEMENT) depth++;
            else if (ev == XMLStreamConstants.END_ELEMENT) depth--;
        }
    }
}
