package io.phishfence.monitor.mx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Severity;
import io.phishfence.monitor.net.TrustStores;
import io.phishfence.testing.TestCa;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a probe means, judged at a chosen instant: expiry thresholds are tested against the certificate's own
 * dates, never against the wall clock.
 */
class ProbeEvaluatorTest {

    static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2026-04-01T00:00:00Z");

    static TestCa ca;
    static X509TrustManager trust;

    @BeforeAll
    static void authority() throws Exception {
        ca = TestCa.create("Evaluator CA");
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "evaluator-");
        trust = TrustStores.x509(TrustStores.jdkPlus(Optional.of(ca.writePem(dir.resolve("ca.pem")))));
    }

    static List<Finding> judge(String protocol, Instant at) throws Exception {
        var issued = ca.issue("mx.example.com", NOT_BEFORE, NOT_AFTER);
        var probe = new MxProbe.Secured("mx.example.com", InetAddress.getByName("192.0.2.1"), protocol,
                "TLS_AES_128_GCM_SHA256", List.of(issued.chain()));
        return ProbeEvaluator.evaluate(probe, Optional.empty(), trust, at);
    }

    static Optional<Finding> finding(List<Finding> findings, String code) {
        return findings.stream().filter(f -> f.code().equals(code)).findFirst();
    }

    @Test
    void tlsBelow12IsAWarning() throws Exception {
        var findings = judge("TLSv1.1", NOT_AFTER.minus(Duration.ofDays(60)));
        assertEquals(Severity.WARNING, finding(findings, "MX_TLS_VERSION_OLD").orElseThrow().severity());
        assertEquals(Optional.empty(), finding(judge("TLSv1.2", NOT_AFTER.minus(Duration.ofDays(60))),
                "MX_TLS_VERSION_OLD"));
    }

    @Test
    void expiryIsNotedAt30DaysAndWarnedAt14() throws Exception {
        assertEquals(Optional.empty(), finding(judge("TLSv1.3", NOT_AFTER.minus(Duration.ofDays(31))),
                "MX_CERT_EXPIRES_SOON"));
        assertEquals(Severity.INFO, finding(judge("TLSv1.3", NOT_AFTER.minus(Duration.ofDays(30))),
                "MX_CERT_EXPIRES_SOON").orElseThrow().severity());
        assertEquals(Severity.WARNING, finding(judge("TLSv1.3", NOT_AFTER.minus(Duration.ofDays(14))),
                "MX_CERT_EXPIRES_SOON").orElseThrow().severity());
    }

    @Test
    void afterItsLastDayTheCertificateIsExpiredNotExpiringSoon() throws Exception {
        var findings = judge("TLSv1.3", NOT_AFTER.plus(Duration.ofSeconds(1)));
        assertEquals(Severity.ERROR, finding(findings, "MX_CERT_EXPIRED").orElseThrow().severity());
        assertEquals(Optional.empty(), finding(findings, "MX_CERT_EXPIRES_SOON"));
    }
}
