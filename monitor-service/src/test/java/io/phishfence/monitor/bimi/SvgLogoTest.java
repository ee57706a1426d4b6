package io.phishfence.monitor.bimi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.monitor.check.Finding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SVG Tiny PS basics on plain strings: what mail clients refuse, and that nothing outside the file is read. */
class SvgLogoTest {

    static final String GOOD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg version="1.2" baseProfile="tiny-ps" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
              <title>Brand</title>
              <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
              <circle cx="50" cy="50" r="40" fill="url(#g)"/>
            </svg>
            """;

    static List<String> codes(String svg) {
        return SvgLogo.check(svg.getBytes(StandardCharsets.UTF_8)).stream().map(Finding::code).toList();
    }

    @Test
    void aTinyPsLogoWithTitleAndOnlyInternalReferencesPasses() {
        assertEquals(List.of(), codes(GOOD));
    }

    @Test
    void anotherProfileIsRefusedWithTheRootElementToUse() {
        var findings = SvgLogo.check(GOOD.replace("tiny-ps", "tiny").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("BIMI_LOGO_NOT_TINY_PS"), findings.stream().map(Finding::code).toList());
        assertTrue(findings.get(0).fix().contains("baseProfile=\"tiny-ps\""));
    }

    @Test
    void aLogoNeedsANonEmptyTitle() {
        assertEquals(List.of("BIMI_LOGO_NO_TITLE"), codes(GOOD.replace("<title>Brand</title>", "")));
        assertEquals(List.of("BIMI_LOGO_NO_TITLE"), codes(GOOD.replace("<title>Brand</title>", "<title> </title>")));
    }

    @Test
    void scriptsAndEventHandlersAreRefused() {
        assertEquals(List.of("BIMI_LOGO_SCRIPT"), codes(GOOD.replace("<defs>", "<script>alert(1)</script><defs>")));
        assertEquals(List.of("BIMI_LOGO_SCRIPT"), codes(GOOD.replace("<circle ", "<circle onclick=\"steal()\" ")));
    }

    @Test
    void referencesToOtherFilesAreRefused() {
        String image = GOOD.replace("<defs>", "<image xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                + "xlink:href=\"https://tracker.example/pixel.png\" width=\"1\" height=\"1\"/><defs>");
        assertEquals(List.of("BIMI_LOGO_EXTERNAL_REF"), codes(image));
        assertEquals(List.of("BIMI_LOGO_EXTERNAL_REF"), codes(GOOD.replace("url(#g)",
                "url(https://tracker.example/g.svg#g)")));
    }

    @Test
    void aDoctypeIsRefusedBeforeAnyEntityIsRead() {
        String external = """
                <?xml version="1.0"?>
                <!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <svg version="1.2" baseProfile="tiny-ps" xmlns="http://www.w3.org/2000/svg"><title>&secret;</title></svg>
                """;
        var findings = SvgLogo.check(external.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("BIMI_LOGO_DTD"), findings.stream().map(Finding::code).toList());
        assertTrue(!findings.get(0).message().contains("root:"), findings.get(0).message());
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <svg xmlns="http://www.w3.org/2000/svg"><title>&b;</title></svg>
                """;
        assertEquals(List.of("BIMI_LOGO_DTD"), codes(laughs));
    }

    @Test
    void somethingElseThanSvgIsNamed() {
        assertEquals(List.of("BIMI_LOGO_NOT_SVG"), codes("<html><body>logo</body></html>"));
        assertEquals(List.of("BIMI_LOGO_NOT_SVG"), codes("GIF89a not xml at all"));
        assertEquals(List.of("BIMI_LOGO_NOT_SVG"), codes("<svg baseProfile=\"tiny-ps\"><title>No namespace</title></svg>"));
    }
}
