package org.vmstation.engine.importer.support;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.vmstation.engine.importer.ImportException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one way importers parse XML. VM descriptions come from strangers (downloaded OVAs), so the parser
 * never fetches anything (no external DTDs, entities or schemas), refuses documents that declare entities at
 * all (no VM format needs them; they are how XXE and entity bombs work), and caps the size. It is
 * namespace-aware, but readers look elements up by local name (see {@link Dom}) so that wrong or missing
 * namespace declarations in real files do not matter.
 */
public final class SafeXml {
    public static final long MAX_XML_BYTES = LimitedFiles.MAX_CONFIG_BYTES;

    private SafeXml() {}

    public static Document parse(Path file) throws ImportException {
        return parse(file, LimitedFiles.read(file, MAX_XML_BYTES));
    }

    /** Parses bytes that came from {@code file} (or from an archive member named by it). */
    public static Document parse(Path file, byte[] bytes) throws ImportException {
        if (bytes.length > MAX_XML_BYTES) {
            throw new ImportException(file, "XML document is " + bytes.length + " bytes; at most " + MAX_XML_BYTES + " expected");
        }
        return parseText(file, TextDecoding.decode(bytes));
    }

    public static Document parseText(Path file, String text) throws ImportException {
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("<")) {
            throw new ImportException(file, "is not XML (expected '<' at the start, found '" + preview(trimmed) + "')");
        }
        if (text.toUpperCase(Locale.ROOT).contains("<!ENTITY")) {
            throw new ImportException(file, "declares XML entities (<!ENTITY ...>); VM descriptions never need them, and they are how "
                    + "external-entity and entity-expansion attacks work, so the file is refused");
        }
        // The XML parser would otherwise reject the document on its own declaration: the text is already decoded.
        String body = text.replaceFirst("^\\s*(<\\?xml[^>]*?)\\s+encoding\\s*=\\s*[\"'][^\"']*[\"']", "$1");
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            builder.setErrorHandler(new ErrorHandler() {
                @Override public void warning(SAXParseException e) {}
                @Override public void error(SAXParseException e) {}
                @Override public void fatalError(SAXParseException e) throws SAXException { throw e; }
            });
            return builder.parse(new InputSource(new StringReader(body)));
        } catch (SAXParseException e) {
            throw new ImportException(file, "is not well-formed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new ImportException(file, "cannot be parsed as XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    private static String preview(String s) {
        String p = s.length() > 20 ? s.substring(0, 20) : s;
        return p.replaceAll("[\\p{Cntrl}]", "?");
    }
}
