package io.phishfence.monitor.mx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.phishfence.monitor.MovableClock;
import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.ComponentResult.Status;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Severity;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import io.phishfence.monitor.mtasts.StsPolicy;
import io.phishfence.monitor.net.AddressGuard;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;

/** The MX / STARTTLS component against the real SMTP and DNS servers of {@link MailServers}. */
class MxCheckTest {

    @BeforeAll
    static void servers() throws Exception {
        MailServers.start();
    }

    @AfterAll
    static void stop() {
        MailServers.stop();
    }

    static MxCheck.Outcome check(String domain) {
        return check(domain, Optional.empty());
    }

    static MxCheck.Outcome check(String domain, Optional<StsPolicy> policy) {
        return MailServers.mxCheck.run(domain, MailServers.resolver.mx(domain), () -> policy);
    }

    static List<String> codes(ComponentResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }

    static Finding finding(ComponentResult result, String code) {
        return result.findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + result));
    }

    @Test
    void aServerWithAValidCertificateIsOkAndKeepsTheChainItPresented() {
        var outcome = check("valid.example");
        assertEquals(Status.OK, outcome.result().status(), outcome.result().toString());
        assertEquals(List.of("MX_STARTTLS_OK"), codes(outcome.result()));
        assertTrue(finding(outcome.result(), "MX_STARTTLS_OK").message().contains("TLSv1.3"));
        var probe = assertInstanceOf(MxProbe.Secured.class, outcome.probes().get(0));
        assertEquals(MailServers.certificates.get("127.0.0.20").leaf(), probe.chain().get(0));
        assertEquals(2, probe.chain().size());
    }

    @Test
    void anExpiredCertificateIsAnError() {
        var result = check("expired.example").result();
        assertEquals(Status.ERROR, result.status());
        assertEquals(List.of("MX_CERT_EXPIRED", "MX_STARTTLS_OK"), codes(result));
    }

    @Test
    void aCertificateForAnotherNameSaysWhichNamesItHas() {
        var result = check("wrongname.example").result();
        assertEquals(Status.WARNING, result.status());
        assertEquals(List.of("MX_CERT_NAME_MISMATCH", "MX_STARTTLS_OK"), codes(result));
        assertTrue(finding(result, "MX_CERT_NAME_MISMATCH").message().contains("www.other.example"));
    }

    @Test
    void aSelfSignedCertificateIsNamedSo() {
        assertEquals(List.of("MX_CERT_SELF_SIGNED", "MX_STARTTLS_OK"), codes(check("selfsigned.example").result()));
    }

    @Test
    void aCertificateFromAnUntrustedAuthorityIsAWarning() {
        var result = check("untrusted.example").result();
        assertEquals(Status.WARNING, result.status());
        assertEquals(List.of("MX_CERT_UNTRUSTED", "MX_STARTTLS_OK"), codes(result));
    }

    @Test
    void aCertificateExpiringInTenDaysIsAWarning() {
        var result = check("soon.example").result();
        assertEquals(Severity.WARNING, finding(result, "MX_CERT_EXPIRES_SOON").severity());
    }

    @Test
    void noStartTlsIsAnErrorWithTheFix() {
        var result = check("plain.example").result();
        assertEquals(Status.ERROR, result.status());
        assertEquals(List.of("MX_STARTTLS_MISSING"), codes(result));
        assertTrue(result.findings().get(0).fix().contains("mx.plain.example"));
    }

    @Test
    void aBannerWith554IsARefusalQuotingEveryLine() {
        var result = check("rejecting.example").result();
        assertEquals(List.of("MX_SMTP_REFUSED"), codes(result));
        assertTrue(result.findings().get(0).message().contains("554 test-mx does not accept mail / 5.3.2 go away"),
                result.findings().get(0).message());
    }

    @Test
    void aStartTlsAnsweredWith454IsRefused() {
        assertEquals(List.of("MX_STARTTLS_REFUSED"), codes(check("refusing.example").result()));
    }

    @Test
    void aServerThatSpeaksNoTlsAfterStartTlsFailsTheHandshake() {
        assertEquals(List.of("MX_TLS_HANDSHAKE_FAILED"), codes(check("broken.example").result()));
    }

    @Test
    void aSilentServerIsGivenUpAfterTheProbeTimeLimit() {
        // A short limit of its own: this test waits for it to run out, so no success depends on it.
        var shortTimeout = Duration.ofSeconds(1);
        var check = new MxCheck(MailServers.resolver, new AddressGuard(List.of("127.0.0.0/8")),
                new SmtpProber(MailServers.port, shortTimeout, "monitor.phishfence.test"), MailServers.pool, shortTimeout,
                MailServers.trust, Clock.systemUTC());
        var result = check.run("silent.example", MailServers.resolver.mx("silent.example"), Optional::empty).result();
        assertEquals(List.of("MX_SMTP_ERROR"), codes(result));
        assertTrue(result.findings().get(0).message().contains("stopped answering"));
    }

    @Test
    void anAddressNobodyListensOnIsUnreachable() {
        assertEquals(List.of("MX_UNREACHABLE"), codes(check("closed.example").result()));
    }

    @Test
    void aPrivateAddressIsNotContacted() {
        var outcome = check("private.example");
        assertEquals(List.of("MX_HOST_PRIVATE"), codes(outcome.result()));
        assertTrue(outcome.probes().isEmpty());
    }

    @Test
    void anMxHostWithoutAddressIsAnError() {
        assertEquals(List.of("MX_HOST_NO_ADDRESS"), codes(check("noaddress.example").result()));
    }

    @Test
    void aNullMxMeansNoMailAndNothingToProbe() {
        var outcome = check("nullmx.example");
        assertEquals(Status.OK, outcome.result().status());
        assertEquals(List.of("MX_NULL"), codes(outcome.result()));
        assertTrue(outcome.probes().isEmpty());
    }

    @Test
    void withoutMxTheDomainsOwnAddressIsProbed() {
        var outcome = check("implicit.example");
        assertEquals("MX_IMPLICIT", codes(outcome.result()).get(0));
        assertEquals("implicit.example", outcome.probes().get(0).host());
    }

    @Test
    void neitherMxNorAddressIsMissingWithTheNullMxAsFix() {
        var result = check("nomail.example").result();
        assertEquals(Status.MISSING, result.status());
        assertEquals(List.of("MX_MISSING"), codes(result));
        assertEquals("nomail.example. IN MX 0 .", result.findings().get(0).fix());
    }

    @Test
    void anEnforcedMtaStsPolicyMakesABadCertificateAnError() {
        var enforce = new StsPolicy(StsPolicy.Mode.ENFORCE, Duration.ofDays(7), List.of("mx.wrongname.example"));
        var result = check("wrongname.example", Optional.of(enforce)).result();
        assertEquals(Status.ERROR, result.status());
        assertEquals(Severity.ERROR, finding(result, "MX_MTA_STS_WILL_FAIL").severity());

        var testing = new StsPolicy(StsPolicy.Mode.TESTING, Duration.ofDays(7), List.of("mx.plain.example"));
        assertEquals(Severity.WARNING, finding(check("plain.example", Optional.of(testing)).result(),
                "MX_MTA_STS_WILL_FAIL").severity());

        var valid = new StsPolicy(StsPolicy.Mode.ENFORCE, Duration.ofDays(7), List.of("mx.valid.example"));
        assertEquals(Status.OK, check("valid.example", Optional.of(valid)).result().status());
    }

    @Test
    void failedLookUpsAreWarningsForTheNextCheck() throws Exception {
        var failed = MailServers.mxCheck.run("valid.example", new DnsAnswer.Failed<>("timed out"), Optional::empty);
        assertEquals(List.of("MX_DNS_FAILED"), codes(failed.result()));

        int deadPort;
        try (var socket = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        var deadDns = Dns.using("127.0.0.1:" + deadPort, Duration.ofMillis(300));
        var check = new MxCheck(deadDns, new AddressGuard(List.of("127.0.0.0/8")), new SmtpProber(MailServers.port,
                MailServers.PROBE_TIMEOUT, "monitor.phishfence.test"), MailServers.pool, MailServers.PROBE_TIMEOUT,
                MailServers.trust, Clock.systemUTC());
        var result = check.run("valid.example", new DnsAnswer.Found<>(List.of("mx.valid.example")), Optional::empty);
        assertEquals(List.of("MX_HOST_DNS_FAILED"), codes(result.result()));
    }

    @Test
    void aProbeThatFindsNoFreePlaceInThePoolIsReportedNotProbed() throws Exception {
        var busy = Executors.newSingleThreadExecutor();
        var release = new CountDownLatch(1);
        try {
            busy.submit(() -> {
                release.await();
                return null;
            });
            var shortTimeout = Duration.ofMillis(200);
            var check = new MxCheck(MailServers.resolver, new AddressGuard(List.of("127.0.0.0/8")),
                    new SmtpProber(MailServers.port, shortTimeout, "monitor.phishfence.test"), busy, shortTimeout,
                    MailServers.trust, Clock.systemUTC());
            var outcome = check.run("valid.example", MailServers.resolver.mx("valid.example"), Optional::empty);
            assertEquals(List.of("MX_NOT_PROBED"), codes(outcome.result()));
        } finally {
            release.countDown();
            busy.shutdownNow();
        }
    }

    @Test
    void oneProbeOfAnAddressServesTheChecksWithinItsLifetimeWithTheFindingsOfAFreshOne() throws Exception {
        // Two domains with one MX host, as real domains share their provider's.
        MailServers.dns.add(new MXRecord(MailServers.name("shares-mx.example"), DClass.IN, 300, 10,
                MailServers.name("mx.valid.example")));
        var clock = new MovableClock(Instant.now());
        var check = new MxCheck(MailServers.resolver, new AddressGuard(List.of("127.0.0.0/8")),
                prober(SslProvider.OPENSSL_REFCNT), MailServers.pool, MailServers.PROBE_TIMEOUT, MailServers.trust,
                clock, new ProbeMemory(clock, Duration.ofSeconds(10), 100));

        var first = check.run("valid.example", MailServers.resolver.mx("valid.example"), Optional::empty);
        clock.advance(Duration.ofSeconds(9));
        var shared = check.run("shares-mx.example", MailServers.resolver.mx("shares-mx.example"), Optional::empty);
        assertSame(first.probes().get(0), shared.probes().get(0));
        var fresh = new MxCheck(MailServers.resolver, new AddressGuard(List.of("127.0.0.0/8")),
                prober(SslProvider.OPENSSL_REFCNT), MailServers.pool, MailServers.PROBE_TIMEOUT, MailServers.trust,
                clock).run("shares-mx.example", MailServers.resolver.mx("shares-mx.example"), Optional::empty);
        assertNotSame(fresh.probes().get(0), shared.probes().get(0));
        assertEquals(fresh.result(), shared.result());

        clock.advance(Duration.ofSeconds(1));
        var later = check.run("shares-mx.example", MailServers.resolver.mx("shares-mx.example"), Optional::empty);
        assertNotSame(first.probes().get(0), later.probes().get(0));
        assertEquals(shared.result(), later.result());
    }

    // The probe's handshake on each TLS implementation it may run on (ADR 0015): BoringSSL, as the service uses it
    // where the native library loads, and the JDK's, its fallback. Both must see the same connection the same way.

    static Stream<SslProvider> providers() {
        return Stream.of(SslProvider.OPENSSL_REFCNT, SslProvider.JDK);
    }

    static SmtpProber prober(SslProvider provider) {
        return new SmtpProber(MailServers.port, MailServers.PROBE_TIMEOUT, "monitor.phishfence.test", provider);
    }

    @Test
    void boringSslLoadsFromTheDependencyJar() {
        // The dependency carries the library of linux-x86_64 only; elsewhere the JDK's TLS is the expected path.
        assumeTrue("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch")));
        assertTrue(OpenSsl.isAvailable(), () -> "netty-tcnative did not load: " + OpenSsl.unavailabilityCause());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aValidServerIsSecuredWithItsWholeChainVersionAndCipher(SslProvider provider) throws Exception {
        var probe = assertInstanceOf(MxProbe.Secured.class,
                prober(provider).probe("mx.valid.example", InetAddress.getByName("127.0.0.20")));
        assertEquals("TLSv1.3", probe.protocol());
        assertTrue(probe.cipherSuite().startsWith("TLS_AES_") || probe.cipherSuite().startsWith("TLS_CHACHA20_"), probe.cipherSuite());
        assertEquals(MailServers.certificates.get("127.0.0.20").leaf(), probe.chain().get(0));
        assertEquals(MailServers.ca.certificate(), probe.chain().get(1));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aCertificateNoCaVouchesForIsStillRecordedForTheEvaluator(SslProvider provider) throws Exception {
        var probe = assertInstanceOf(MxProbe.Secured.class,
                prober(provider).probe("mx.selfsigned.example", InetAddress.getByName("127.0.0.23")));
        assertEquals(MailServers.certificates.get("127.0.0.23").leaf(), probe.chain().get(0));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void bytesThatAreNoTlsAfterStartTlsFailTheHandshake(SslProvider provider) throws Exception {
        assertInstanceOf(MxProbe.TlsFailed.class,
                prober(provider).probe("mx.broken.example", InetAddress.getByName("127.0.0.27")));
    }
}
