package io.phishfence.monitor.bimi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.monitor.check.Finding;
import io.phishfence.testing.TestCa;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mark certificate read only as a PEM certificate valid at a chosen instant (so never on the wall clock). */
class MarkCertificateTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final TestCa CA = TestCa.create("PhishFence Test Mark CA");

    static List<String> codes(String pem) {
        return MarkCertificate.check(pem.getBytes(StandardCharsets.US_ASCII), NOW).stream().map(Finding::code).toList();
    }

    static String pem(Instant notBefore, Instant notAfter) throws Exception {
        return BrandHost.pem(CA.issue("brand.example", notBefore, notAfter).leaf())
                + BrandHost.pem(CA.certificate());
    }

    @Test
    void aCurrentPemChainIsNotedWithoutClaimingFullValidation() throws Exception {
        var findings = MarkCertificate.check(pem(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(300)))
                .getBytes(StandardCharsets.US_ASCII), NOW);
        assertEquals(List.of("BIMI_VMC_PRESENT"), findings.stream().map(Finding::code).toList());
        assertEquals(true, findings.get(0).message().contains("not validated"));
    }

    @Test
    void anExpiredOrFutureCertificateIsAnError() throws Exception {
        assertEquals(List.of("BIMI_VMC_EXPIRED"), codes(pem(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)))));
        assertEquals(List.of("BIMI_VMC_NOT_YET_VALID"), codes(pem(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(400)))));
    }

    @Test
    void anythingButPemCertificatesIsNamed() {
        assertEquals(List.of("BIMI_VMC_NOT_PEM"), codes("<html>not found</html>"));
        assertEquals(List.of("BIMI_VMC_NOT_PEM"), codes("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"));
    }
}
