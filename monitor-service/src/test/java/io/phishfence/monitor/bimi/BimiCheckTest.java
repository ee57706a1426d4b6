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
import io.phishfence.monitor.net.AddressGuard;
import io.phishfence.monitor.net.HttpsFetcher;
import io.phishfence.monitor.net.TrustStores;
import io.phishfence.testing.TestCa;
import io.phishfence.testing.TestDnsServer;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;

/**
 * The BIMI check against a real DNS server on loopback and a real HTTPS server ({@link BrandHost}) serving logos and
 * mark certificates, with the DMARC policy it depends on.
 */
class BimiCheckTest {

    static final Optional<DmarcPolicy> REJECT = Optional.of(new DmarcPolicy("reject", 100, "brand.example"));
    static final String SVG = "image/svg+xml";
    static TestDnsServer dns;
    static Dns resolver;
    static Vertx vertx;
    static BrandHost brand;
    static HttpsFetcher https;
    static BimiCheck check;
    /** {@code https://brand.example:<port>}: every logo and certificate of these tests is there. */
    static String site;

    @BeforeAll
    static void servers() throws Exception {
        dns = TestDnsServer.start();
        vertx = Vertx.vertx();
        var ca = TestCa.create("PhishFence Test CA");
        Instant now = Instant.now();
        brand = BrandHost.start(vertx, "127.0.0.9",
                ca.issue("brand.example", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90))));
        site = "https://brand.example:" + brand.port();
        dns.add(new ARecord(Name.fromString("brand.example."), DClass.IN, 300, InetAddress.getByName("127.0.0.9")));
        dns.add(new ARecord(Name.fromString("other.example."), DClass.IN, 300, InetAddress.getByName("127.0.0.9")));
        brand.serve("/logo.svg", 200, SVG, SvgLogoTest.GOOD)
                .serve("/served-as-text.svg", 200, "text/plain", SvgLogoTest.GOOD)
                .serve("/tiny.svg", 200, SVG, SvgLogoTest.GOOD.replace("tiny-ps", "tiny"))
                .serve("/big.svg", 200, SVG, SvgLogoTest.GOOD.replace("<title>", "<!--" + "x".repeat(40_000) + "--><title>"))
                .serve("/moved.svg", 301, "text/html", "")
                .serve("/vmc.pem", 200, "application/pem-certificate-chain",
                        BrandHost.pem(ca.issue("brand.example", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365))).leaf()))
                .serve("/expired.pem", 200, "application/pem-certificate-chain",
                        BrandHost.pem(ca.issue("brand.example", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1))).leaf()))
                .serve("/page.pem", 200, "text/html", "<html>not a certificate</html>");

        bimi("brand.example", "l=" + site + "/logo.svg; a=" + site + "/vmc.pem");
        bimi("novmc.example", "l=" + site + "/logo.svg");
        bimi("declined.example", "l=; a=;");
        bimi("plainhttp.example", "l=http://plainhttp.example/logo.svg");
        bimi("png.example", "l=https://png.example/logo.png");
        bimi("badvmc.example", "l=" + site + "/logo.svg; a=http://badvmc.example/vmc.pem");
        dns.addTxt("default._bimi.noversion.example", "l=https://noversion.example/logo.svg; v=BIMI1");
        bimi("twice.example", "l=https://twice.example/a.svg");
        bimi("twice.example", "l=https://twice.example/b.svg");
        bimi("texttype.example", "l=" + site + "/served-as-text.svg");
        bimi("tiny.example", "l=" + site + "/tiny.svg");
        bimi("big.example", "l=" + site + "/big.svg");
        bimi("moved.example", "l=" + site + "/moved.svg");
        bimi("gone.example", "l=" + site + "/nothing-here.svg");
        bimi("wrongname.example", "l=https://other.example:" + brand.port() + "/logo.svg");
        bimi("nohost.example", "l=https://logo.nohost.example/logo.svg");
        bimi("expired.example", "l=" + site + "/logo.svg; a=" + site + "/expired.pem");
        bimi("notpem.example", "l=" + site + "/logo.svg; a=" + site + "/page.pem");
        bimi("acme.co.uk", "l=" + site + "/logo.svg");
        bimi("own.acme.co.uk", "l=; a=;");
        dns.addTxt("_dmarc.brand.example", "v=DMARC1; p=none; rua=mailto:d@brand.example");

        resolver = Dns.using(dns.address(), Duration.ofSeconds(10));
        Path pem = ca.writePem(Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bimi-ca-")
                .resolve("ca.pem"));
        // Generous: no test waits for the time limit, and on a loaded machine a good fetch must never hit it.
        https = new HttpsFetcher(vertx, resolver, new AddressGuard(List.of("127.0.0.0/8")),
                TrustStores.jdkPlus(Optional.of(pem)), Duration.ofSeconds(60), 4);
        check = new BimiCheck(resolver, https, Clock.systemUTC());
    }

    static void bimi(String domain, String tags) {
        dns.addTxt("default._bimi." + domain, "v=BIMI1; " + tags);
    }

    @AfterAll
    static void stop() {
        https.close();
        brand.close();
        vertx.close();
        dns.close();
    }

    static List<String> codes(ComponentResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }

    static List<String> codes(String domain) {
        return codes(check.run(domain, REJECT));
    }

    @Test
    void aRecordWithAGoodLogoAndACurrentCertificateUnderAnEnforcedPolicyIsOk() {
        var result = check.run("brand.example", REJECT);
        assertEquals(Status.OK, result.status(), result.toString());
        assertEquals(List.of("BIMI_VMC_PRESENT"), codes(result));
    }

    @Test
    void noRecordIsOnlyInformation() {
        var result = check.run("plain.example", REJECT);
        assertEquals(Status.MISSING, result.status());
        assertEquals(List.of("BIMI_RECORD_MISSING"), codes(result));
        assertEquals(io.phishfence.monitor.check.Severity.INFO, result.findings().get(0).severity());
    }

    @Test
    void aSubdomainWithoutARecordUsesItsOrganizationalDomains() {
        var result = check.run("mail.acme.co.uk", REJECT);
        assertEquals(List.of("BIMI_INHERITED", "BIMI_NO_AUTHORITY"), codes(result));
        assertTrue(result.findings().get(0).message().contains("default._bimi.acme.co.uk"));
        assertEquals(List.of("BIMI_DECLINED"), codes("own.acme.co.uk"));
    }

    @Test
    void aLogoNeedsAnEnforcedDmarcPolicy() {
        var dmarc = new DmarcCheck(resolver).check("brand.example");
        var result = check.run("brand.example", dmarc.policy());
        assertEquals(List.of("BIMI_VMC_PRESENT", "BIMI_DMARC_NOT_ENFORCED"), codes(result));
        assertTrue(result.findings().get(1).message().contains("here it is none"));
        assertEquals(List.of("BIMI_VMC_PRESENT", "BIMI_DMARC_NOT_ENFORCED"), codes(check.run("brand.example",
                Optional.of(new DmarcPolicy("quarantine", 50, "brand.example")))));
        assertEquals(List.of("BIMI_VMC_PRESENT", "BIMI_DMARC_NOT_ENFORCED"),
                codes(check.run("brand.example", Optional.empty())));
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
        assertEquals("v=BIMI1; l=" + site + "/logo.svg; a=https://badvmc.example/vmc.pem", vmc.findings().get(0).fix());
        assertEquals(List.of("BIMI_RECORD_INVALID"), codes("noversion.example"));
        assertEquals(List.of("BIMI_MULTIPLE_RECORDS"), codes("twice.example"));
    }

    @Test
    void theLogoIsFetchedAsSendersFetchAnMtaStsPolicyAndChecked() {
        assertEquals(List.of("BIMI_NO_AUTHORITY", "BIMI_LOGO_CONTENT_TYPE"), codes("texttype.example"));
        assertEquals(List.of("BIMI_NO_AUTHORITY", "BIMI_LOGO_NOT_TINY_PS"), codes("tiny.example"));
        assertEquals(List.of("BIMI_NO_AUTHORITY", "BIMI_LOGO_TOO_LARGE"), codes("big.example"));
        assertEquals(List.of("BIMI_NO_AUTHORITY", "BIMI_LOGO_REDIRECT"), codes("moved.example"));
        assertEquals(List.of("BIMI_NO_AUTHORITY", "BIMI_LOGO_HTTP_STATUS"), codes("gone.example"));
        assertEquals(List.of("BIMI_NO_AUTHORITY", "BIMI_LOGO_TLS_INVALID"), codes("wrongname.example"));
        assertEquals(List.of("BIMI_NO_AUTHORITY", "BIMI_LOGO_HOST_MISSING"), codes("nohost.example"));
    }

    @Test
    void theMarkCertificateMustBeACurrentPemCertificate() {
        assertEquals(List.of("BIMI_VMC_EXPIRED"), codes("expired.example"));
        assertEquals(List.of("BIMI_VMC_NOT_PEM"), codes("notpem.example"));
    }

    @Test
    void aFailedLookupIsRetriedNotBlamed() {
        var result = check.run("bad..name", REJECT);
        assertEquals(List.of("BIMI_DNS_FAILED"), codes(result));
    }
}
