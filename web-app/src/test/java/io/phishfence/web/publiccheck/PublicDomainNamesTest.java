package io.phishfence.web.publiccheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicDomainNamesTest {

    @ParameterizedTest
    @CsvSource({"example.com,example.com", "' Mail.Example.COM. ',mail.example.com", "bücher.de,xn--bcher-kva.de",
            "xn--bcher-kva.de,xn--bcher-kva.de", "münchen.museum,xn--mnchen-3ya.museum"})
    void publicNamesBecomeALabels(String input, String aLabel) {
        var verdict = PublicDomainNames.judge(input, false);
        assertTrue(verdict.ok(), verdict.problem());
        assertEquals(aLabel, verdict.aLabel());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "com", "printer.local", "db.internal", "router.home.arpa",
            "1.0.0.127.in-addr.arpa", "x.localhost", "hidden.onion", "nas.lan", "a.invalid", "10.0.0.1", "127.0.0.1",
            "192.168.1.1.", "[::1]", "::1", "2001:db8::1", "http://example.com/", "example.com/path", "a..b", "-a.com",
            "a_b.com", "shop.test", "www.example"})
    void addressesLocalAndReservedNamesAreRefusedWithAReason(String input) {
        var verdict = PublicDomainNames.judge(input, false);
        assertFalse(verdict.ok(), input);
        assertNull(verdict.aLabel());
        assertFalse(verdict.problem().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop.test", "www.example"})
    void testNamesOnlyWhenTestsSaySo(String input) {
        assertTrue(PublicDomainNames.judge(input, true).ok());
    }

    @ParameterizedTest
    @ValueSource(strings = {"printer.local", "localhost", "10.0.0.1"})
    void theTestFlagDoesNotOpenLocalNames(String input) {
        assertFalse(PublicDomainNames.judge(input, true).ok());
    }
}
