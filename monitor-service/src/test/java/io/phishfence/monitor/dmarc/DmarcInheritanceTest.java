package io.phishfence.monitor.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.monitor.check.ComponentResult.Status;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.testing.TestDnsServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 7489 6.6.3 against a real DNS server on loopback: a domain without a DMARC record gets its organizational
 * domain's, found through the Public Suffix List.
 */
class DmarcInheritanceTest {

    static TestDnsServer dns;
    static DmarcCheck check;

    @BeforeAll
    static void zones() throws Exception {
        dns = TestDnsServer.start();
        dns.addTxt("_dmarc.acme.co.uk", "v=DMARC1; p=reject; rua=mailto:d@acme.co.uk");
        dns.addTxt("_dmarc.shop.acme.co.uk", "v=DMARC1; p=none; rua=mailto:d@acme.co.uk");
        dns.addTxt("_dmarc.loose.com", "v=DMARC1; p=reject; sp=none; rua=mailto:d@loose.com");
        dns.addTxt("_dmarc.github.io", "v=DMARC1; p=reject");
        check = new DmarcCheck(Dns.using(dns.address(), Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    static List<String> codes(DmarcCheck.Verdict verdict) {
        return verdict.result().findings().stream().map(Finding::code).toList();
    }

    @Test
    void aSubdomainWithoutARecordGetsTheOrganizationalDomainsPolicy() {
        var verdict = check.check("mail.acme.co.uk");
        assertEquals(Status.OK, verdict.result().status());
        assertEquals(List.of("DMARC_INHERITED"), codes(verdict));
        assertTrue(verdict.result().findings().get(0).message().contains("_dmarc.acme.co.uk"));
        assertEquals(Optional.of(new DmarcPolicy("reject", 100, "acme.co.uk")), verdict.policy());
        assertTrue(verdict.policy().orElseThrow().enforced());
    }

    @Test
    void aSubdomainsOwnRecordWins() {
        var verdict = check.check("shop.acme.co.uk");
        assertEquals(List.of("DMARC_POLICY_NONE"), codes(verdict));
        assertFalse(verdict.policy().orElseThrow().enforced());
    }

    @Test
    void theSubdomainPolicyAppliesToAnInheritingSubdomain() {
        var verdict = check.check("news.loose.com");
        assertEquals(List.of("DMARC_INHERITED", "DMARC_SUBDOMAIN_POLICY_NONE"), codes(verdict));
        assertEquals("v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@loose.com",
                verdict.result().findings().get(1).fix());
        assertEquals("none", verdict.policy().orElseThrow().policy());
    }

    @Test
    void aPrivateSuffixIsABoundary() {
        assertEquals(Optional.of("someone.github.io"), OrganizationalDomain.of("www.someone.github.io"));
        var verdict = check.check("someone.github.io");
        assertEquals(Status.MISSING, verdict.result().status());
        assertEquals(List.of("DMARC_RECORD_MISSING"), codes(verdict));
    }

    @Test
    void namesUnderNoPublicSuffixHaveNoOrganizationalDomain() {
        assertEquals(Optional.empty(), OrganizationalDomain.of("co.uk"));
        assertEquals(Optional.empty(), OrganizationalDomain.of("host.invalid-tld-for-tests"));
        assertEquals(Optional.of("acme.co.uk"), OrganizationalDomain.of("a.b.acme.co.uk"));
    }
}
