package io.phishfence.monitor.bimi;

import io.phishfence.monitor.check.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The basics of the SVG Tiny Portable/Secure profile that mail clients check before they show a BIMI logo: an
 * {@code <svg>} root with {@code baseProfile="tiny-ps"}, a {@code <title>}, no scripts and nothing loaded from
 * elsewhere. Pure: bytes in, findings out. The logo is untrusted, so the parser reads no DTD and resolves no
 * entity or include; a document that declares a DTD is refused before anything in it is read.
 */
public final class SvgLogo {

    static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    static final String ROOT_FIX = "<svg version=\"1.2\" baseProfile=\"tiny-ps\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title>Your brand</title>...</svg>";

    /**
     * Configured once: looking the factory up (a service-loader scan of the class path) and setting its features
     * cost four times the parse of a typical logo (docs/benchmarks.md). JAXP does not promise that a factory is
     * thread-safe, so builders are made from it one at a time; each check parses with a builder of its own.
     */
    private static final DocumentBuilderFactory PARSERS = parsers();

    private SvgLogo() {
    }

    /** The findings about the logo; none when it passes every check made here. */
    public static List<Finding> check(byte[] svg) {
        Document document;
        try {
            DocumentBuilder builder;
            synchronized (PARSERS) {
                builder = PARSERS.newDocumentBuilder();
            }
            // The default handler prints every error of a customer's file to stderr; the finding says it instead.
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            document = builder.parse(new ByteArrayInputStream(svg));
        } catch (SAXException e) {
            boolean dtd = String.valueOf(e.getMessage()).contains("DOCTYPE");
            return List.of(dtd
                    ? Finding.error("BIMI_LOGO_DTD", "The logo declares a document type (<!DOCTYPE ...>). SVG Tiny PS "
                            + "logos must not, and a DTD can make a mail client load other files; the logo was not "
                            + "read further. Remove the DOCTYPE declaration.", null)
                    : Finding.error("BIMI_LOGO_NOT_SVG", "The logo is not well-formed XML (" + e.getMessage() + "), so "
                            + "mail clients cannot show it.", null));
        } catch (IOException | ParserConfigurationException e) {
            return List.of(Finding.error("BIMI_LOGO_NOT_SVG", "The logo could not be read as XML (" + e.getMessage()
                    + ").", null));
        }
        Element root = document.getDocumentElement();
        if (!"svg".equals(root.getLocalName()) || !SVG_NAMESPACE.equals(root.getNamespaceURI())) {
            return List.of(Finding.error("BIMI_LOGO_NOT_SVG", "The logo's root element is <" + root.getNodeName()
                    + ">, not an SVG <svg> element, so mail clients cannot show it.", ROOT_FIX));
        }
        var findings = new ArrayList<Finding>();
        if (!"tiny-ps".equals(root.getAttribute("baseProfile"))) {
            findings.add(Finding.error("BIMI_LOGO_NOT_TINY_PS", "The logo is not in the SVG Tiny PS profile that BIMI "
                    + "requires (its <svg> element says baseProfile=\"" + root.getAttribute("baseProfile") + "\", not "
                    + "\"tiny-ps\"); mail clients refuse it. Export it as SVG Tiny 1.2 and set the profile.", ROOT_FIX));
        }
        if (!hasTitle(root)) {
            findings.add(Finding.error("BIMI_LOGO_NO_TITLE", "The logo has no <title> element (SVG Tiny PS requires one, "
                    + "naming the brand); mail clients refuse it.", "<title>Your brand</title> as the first element "
                    + "inside <svg>"));
        }
        var scan = new Scan();
        scan.walk(root);
        if (!scan.scripts.isEmpty()) {
            findings.add(Finding.error("BIMI_LOGO_SCRIPT", "The logo contains script (" + String.join(", ",
                    scan.scripts) + "); SVG Tiny PS forbids it and mail clients refuse the logo.", null));
        }
        if (!scan.external.isEmpty()) {
            findings.add(Finding.error("BIMI_LOGO_EXTERNAL_REF", "The logo refers to other files (" + String.join(", ",
                    scan.external) + "); SVG Tiny PS logos must be self-contained, and mail clients refuse them.",
                    null));
        }
        return findings;
    }

    private static boolean hasTitle(Element root) {
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && "title".equals(element.getLocalName())
                    && SVG_NAMESPACE.equals(element.getNamespaceURI()) && !element.getTextContent().isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** Script and external references, wherever they are in the document (at most a few of each, named). */
    private static final class Scan {
        private static final int NAMED = 3;
        final List<String> scripts = new ArrayList<>();
        final List<String> external = new ArrayList<>();

        void walk(Element element) {
            String name = element.getLocalName() == null ? element.getNodeName() : element.getLocalName();
            if (name.equalsIgnoreCase("script") || name.equalsIgnoreCase("foreignObject")) {
                note(scripts, "<" + name + ">");
            }
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                var attribute = (Attr) attributes.item(i);
                String attributeName = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
                String value = attribute.getValue().strip();
                if (attributeName.toLowerCase(Locale.ROOT).startsWith("on")) {
                    note(scripts, attributeName + "= on <" + name + ">");
                } else if (attributeName.equals("href") && !value.startsWith("#")) {
                    note(external, value);
                } else if (value.toLowerCase(Locale.ROOT).matches("(?s).*url\\(\\s*['\"]?[^#'\"\\s].*")) {
                    note(external, value);
                }
            }
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element next) {
                    walk(next);
                }
            }
        }

        private static void note(List<String> list, String what) {
            if (list.size() < NAMED) {
                list.add(what);
            }
        }
    }

    private static DocumentBuilderFactory parsers() {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        } catch (ParserConfigurationException e) {
            // Never read an untrusted logo with a parser that cannot be made safe.
            throw new IllegalStateException("the XML parser cannot be configured to read untrusted logos", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
