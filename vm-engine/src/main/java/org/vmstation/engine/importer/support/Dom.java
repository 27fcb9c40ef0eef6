package org.vmstation.engine.importer.support;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Namespace-tolerant DOM lookups by local name. Real descriptors declare namespaces on the wrong element,
 * with trailing slashes, or not at all; matching on local names reads them all the same.
 */
public final class Dom {
    private Dom() {}

    public static String localName(Node n) {
        String l = n.getLocalName();
        if (l != null) return l;
        String name = n.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent == null) return out;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e);
        }
        return out;
    }

    public static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Element e : children(parent)) if (localName.equalsIgnoreCase(localName(e))) out.add(e);
        return out;
    }

    public static Element child(Element parent, String localName) {
        for (Element e : children(parent)) if (localName.equalsIgnoreCase(localName(e))) return e;
        return null;
    }

    /** Follows a path of child local names; null when any step is missing. */
    public static Element path(Element from, String... names) {
        Element cur = from;
        for (String n : names) {
            if (cur == null) return null;
            cur = child(cur, n);
        }
        return cur;
    }

    /** All descendants with this local name, in document order. */
    public static List<Element> descendants(Element root, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (localName.equalsIgnoreCase(localName(e))) out.add(e);
        }
        return out;
    }

    /** Trimmed text of the named child, or null when absent. */
    public static String childText(Element parent, String localName) {
        Element c = child(parent, localName);
        return c == null ? null : c.getTextContent().strip();
    }

    public static String text(Element e) { return e == null ? null : e.getTextContent().strip(); }

    /** An attribute by local name, whatever its namespace or prefix; null when absent. */
    public static String attr(Element e, String localName) {
        if (e == null) return null;
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (a.getName().startsWith("xmlns")) continue;
            if (localName.equalsIgnoreCase(localName(a))) return a.getValue();
        }
        return null;
    }

    public static String attr(Element e, String localName, String fallback) {
        String v = attr(e, localName);
        return v == null ? fallback : v;
    }
}
