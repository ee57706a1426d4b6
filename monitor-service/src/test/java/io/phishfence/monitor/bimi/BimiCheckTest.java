package io.phishfence.monitor.bimi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.ComponentResult.Status;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.dmarc.DmarcCheck;
import io.phishfence.monitor.dmarc.DmarcPolicy;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.testing.TestDnsServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The BIMI check against a real DNS server on loopback, with the DMARC policy it depends on. */
class BimiCheckTest {

    static final Optional<DmarcPolicy> REJECT = Optional.of(new DmarcPolicy("reject", 100, "brand.example"));
    static TestDnsServer dns;
    static Dns resolver;
    static BimiCheck check;

    @BeforeAll
    static void zones() throws Exception {
        dns = TestDnsServer.start();
        dns.addTxt("default._bimi.brand.example",
                "v=BIMI1; l=https://brand.example/logo.svg; a=https://brand.example/vmc.pem");
        dns.addTxt("default._bimi.novmc.example", "v=BIMI1; l=https://novmc.example/logo.svg");
        dns.addTxt("default._bimi.declined.example", "v=BIMI1; l=; a=;");
        dns.addTxt("default._bimi.plainhttp.example", "v=BIMI1; l=http://plainhttp.example/logo.svg");
        dns.addTxt("default._bimi.png.example", "v=BIMI1; l=https://png.example/logo.png");
        dns.addTxt("default._bimi.badvmc.example",
                "v=BIMI1; l=https://badvmc.example/logo.svg; a=http://badvmc.example/vmc.pem");
        dns.addTxt("default._bimi.noversion.example", "l=https://noversion.example/logo.svg; v=BIMI1");
        dns.addTxt("default._bimi.twice.example", "v=BIMI1; l=https://twice.example/a.svg");
        dns.addTxt("default._bimi.twice.example", "v=BIMI1; l=https://twice.example/b.svg");
        dns.addTxt("_dmarc.brand.example", "v=DMARC1; p=none; rua=mailto:d@brand.example");
        resolver = Dns.using(dns.address(), Duration.ofSeconds(2));
        check = new BimiCheck(resolver);
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    static List<String> codes(ComponentResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }

    static List<String> codes(String domain) {
        return codes(check.run(domain, REJECT));
    }

    @Test
    void aRecordWithLogoAndCertificateUnderAnEnforcedPolicyIsOk() {
        var result = check.run("brand.example", REJECT);
        assertEquals(Status.OK, result.status());
        assertEquals(List.of(), codes(result));
    }

    @Test
    void noRecordIsOnlyInformation() {
        var result = check.run("plain.example", REJECT);
        assertEquals(Status.MISSING, result.status());
        assertEquals(List.of("BIMI_RECORD_MISSING"), codes(result));
        assertEquals(io.phishfence.monitor.check.Severity.INFO, result.findings().get(0).severity());
    }

    @Test
    void aLogoNeedsAnEnforcedDmarcPolicy() {
        var dmarc = new DmarcCheck(resolver).check("brand.example");
        var result = check.run("brand.example", dmarc.policy());
        assertEquals(List.of("BIMI_DMARC_NOT_ENFORCED"), codes(result));
        assertTrue(result.findings().get(0).message().contains("here it is none"));
        assertEquals(List.of("BIMI_DMARC_NOT_ENFORCED"), codes(check.run("brand.example",
                Optional.of(new DmarcPolicy("quarantine", 50, "brand.example")))));
        assertEquals(List.of("BIMI_DMARC_NOT_ENFORCED"), codes(check.run("brand.example", Optional.empty())));
    }

    @Test
    void recordProblemsAreNamedWithTheRecordToPublish() {
        assertEquals(List.of("BIMI_NO_AUTHORITY"), codes("novmc.example"));
        assertEquals(List.of("BIMI_DECLINED"), codes("declined.example"));
        var http = check.run("plainhttp.example", REJECT);
        assertEquals(List.of("BIMI_LOGO_URL_INVALID", "BIMI_NO_AUTHORITY"), codes(http));
        assertEquals("v=BIMI1; l=https://plainhttp.example/logo.svg", http.findings().get(0).fix());
        var png = check.run("png.example", REJECT);
        assertEquals("BIMI_LOGO_URL_INVALID", codes(png).get(0));
        assertNull(png.findings().get(0).fix());
        var vmc = check.run("badvmc.example", REJECT);
        assertEquals(List.of("BIMI_AUTHORITY_URL_INVALID"), codes(vmc));
        assertEquals("v=BIMI1; l=https://badvmc.example/logo.svg; a=https://badvmc.example/vmc.pem",
                vmc.findings().get(0).fix());
        assertEquals(List.of("BIMI_RECORD_INVALID"), codes("noversion.example"));
        assertEquals(List.of("BIMI_MULTIPLE_RECORDS"), codes("twice.example"));
    }

    @Test
    void aFailedLookupIsRetriedNotBlamed() {
        var result = check.run("bad..name", REJECT);
        assertEquals(List.of("BIMI_DNS_FAILED"), codes(result));
    }
}
