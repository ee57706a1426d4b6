package io.phishfence.monitor.dane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.ComponentResult.Status;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.dns.ValidatingDns;
import io.phishfence.monitor.mx.MailServers;
import io.phishfence.testing.ZoneKey;
import io.phishfence.monitor.mx.MxProbe;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DANE: TLSA records looked up with DNSSEC validation from the signed zones of {@link MailServers}, matched
 * against the certificate chains its real SMTP servers presented to the MX probe.
 */
class DaneCheckTest {

    static DaneCheck check;

    @BeforeAll
    static void servers() throws Exception {
        MailServers.start();
        check = new DaneCheck(MailServers.validating);
    }

    @AfterAll
    static void stop() {
        MailServers.stop();
    }

    static ComponentResult dane(String domain) {
        var mx = MailServers.mxCheck.run(domain, MailServers.resolver.mx(domain), Optional::empty);
        return check.run(domain, mx.probes());
    }

    static List<String> codes(ComponentResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }

    @Test
    void aDaneEeRecordMatchingThePresentedKeyIsOk() {
        var result = dane("good." + MailServers.SIGNED_ZONE);
        assertEquals(Status.OK, result.status(), result.toString());
        assertEquals(List.of("DANE_TLSA_MATCH"), codes(result));
    }

    @Test
    void aDaneTaRecordMatchesTheIssuerAndPkixUsagesAreNotedAsIgnored() {
        var result = dane("ta." + MailServers.SIGNED_ZONE);
        assertEquals(Status.OK, result.status(), result.toString());
        assertEquals(List.of("DANE_TLSA_UNUSABLE", "DANE_TLSA_MATCH"), codes(result));
        assertTrue(result.findings().get(0).message().contains("RFC 7672"));
    }

    @Test
    void aMismatchIsAnErrorWhoseFixIsTheRecordForThePresentedKey() throws Exception {
        var result = dane("bad." + MailServers.SIGNED_ZONE);
        assertEquals(Status.ERROR, result.status());
        assertEquals(List.of("DANE_TLSA_MISMATCH"), codes(result));
        String expected = "_25._tcp.mx.bad." + MailServers.SIGNED_ZONE + ". IN TLSA 3 1 1 " + MailServers.hex(
                MailServers.sha256(MailServers.certificates.get("127.0.0.40").leaf().getPublicKey().getEncoded()));
        assertEquals(expected, result.findings().get(0).fix());
    }

    @Test
    void noTlsaAnywhereIsNotDeployedWithTheRecordsToPublish() {
        var result = dane("none." + MailServers.SIGNED_ZONE);
        assertEquals(Status.MISSING, result.status(), result.toString());
        assertEquals(List.of("DANE_NOT_DEPLOYED"), codes(result));
        assertTrue(result.findings().get(0).fix().startsWith("_25._tcp.mx.none." + MailServers.SIGNED_ZONE
                + ". IN TLSA 3 1 1 "));
    }

    @Test
    void onlyPkixRecordsLeaveTheHostUnprotected() {
        var result = dane("pkix." + MailServers.SIGNED_ZONE);
        assertEquals(Status.WARNING, result.status());
        assertEquals(List.of("DANE_TLSA_UNUSABLE", "DANE_TLSA_NONE_USABLE"), codes(result));
    }

    @Test
    void tlsaForAServerWithoutStartTlsIsAnError() {
        var result = dane("notls." + MailServers.SIGNED_ZONE);
        assertEquals(List.of("DANE_NO_TLS"), codes(result));
    }

    @Test
    void anMxWithoutTlsaNextToOneWithIsADowngradeRisk() {
        var result = dane("mixed." + MailServers.SIGNED_ZONE);
        assertEquals(Status.WARNING, result.status(), result.toString());
        assertEquals(List.of("DANE_TLSA_MATCH", "DANE_MX_WITHOUT_TLSA"), codes(result));
    }

    @Test
    void tlsaInAnUnsignedZoneIsIgnoredBySenders() {
        assertEquals(List.of("DANE_TLSA_INSECURE"), codes(dane("valid.example")));
    }

    @Test
    void secureTlsaBehindAnUnsignedMxRecordIsAWarningAndStillMatched() {
        var result = dane("insecure-mx.example");
        assertEquals(Status.WARNING, result.status(), result.toString());
        assertEquals(List.of("DANE_MX_INSECURE", "DANE_TLSA_MATCH"), codes(result));
        assertTrue(result.findings().get(0).message().contains("RFC 7672 2.2.1"));
    }

    /** Senders that use the TLSA records behind insecure MX records (Postfix) would not deliver: an error. */
    @Test
    void aMismatchBehindAnUnsignedMxRecordIsStillAnError() {
        var result = dane("insecure-mx-bad.example");
        assertEquals(Status.ERROR, result.status(), result.toString());
        assertEquals(List.of("DANE_MX_INSECURE", "DANE_TLSA_MISMATCH"), codes(result));
    }

    /** RFC 7672 2.2.2: the TLSA records of a secure CNAME chain's end come first. */
    @Test
    void anMxHostThatIsASecureAliasIsJudgedByTheTlsaRecordsAtTheEndOfItsChain() {
        var result = dane("alias." + MailServers.SIGNED_ZONE);
        assertEquals(Status.OK, result.status(), result.toString());
        assertEquals(List.of("DANE_TLSA_MATCH"), codes(result));
    }

    /** RFC 7672 2.2.2: without secure address records, senders do not use the host's TLSA records. */
    @Test
    void secureTlsaOfAnMxHostAliasedIntoAnUnsignedZoneGoUnused() {
        var result = dane("unsigned-alias." + MailServers.SIGNED_ZONE);
        assertEquals(Status.WARNING, result.status(), result.toString());
        assertEquals(List.of("DANE_MX_ADDRESS_INSECURE"), codes(result));
        assertTrue(result.findings().get(0).message().contains("an alias of mx.unsigned-alias.example"),
                result.findings().get(0).message());
    }

    @Test
    void anMxHostAliasedToBogusAddressRecordsIsAnError() {
        var result = dane("bogus-alias." + MailServers.SIGNED_ZONE);
        assertEquals(Status.ERROR, result.status(), result.toString());
        assertEquals(List.of("DANE_MX_ADDRESS_BOGUS"), codes(result));
    }

    @Test
    void secureTlsaBehindABogusMxRecordIsAnError() {
        var result = dane("bogus-mx." + MailServers.FORGED_ZONE);
        assertEquals(Status.ERROR, result.status(), result.toString());
        assertEquals(List.of("DANE_MX_BOGUS"), codes(result));
    }

    @Test
    void tlsaThatFailsValidationIsAnError() {
        var result = dane(MailServers.FORGED_ZONE);
        assertEquals(Status.ERROR, result.status());
        assertEquals(List.of("DANE_TLSA_BOGUS"), codes(result));
    }

    @Test
    void secureTlsaOfAnMxThatWasNotProbedIsNotCheckedRatherThanOk() {
        var result = dane("private." + MailServers.SIGNED_ZONE);
        assertEquals(Status.WARNING, result.status(), result.toString());
        assertEquals(List.of("DANE_NOT_CHECKED"), codes(result));
        assertTrue(result.findings().get(0).message().contains("mx.private." + MailServers.SIGNED_ZONE));
    }

    @Test
    void withoutAnyMailServerToProbeNoTlsaRecordIsStillNotDeployed() {
        var result = dane("nomail.example");
        assertEquals(Status.MISSING, result.status(), result.toString());
        assertEquals(List.of("DANE_NOT_DEPLOYED"), codes(result));
    }

    @Test
    void aNullMxLeavesNoMailServerForDaneToProtect() {
        var result = dane("nullmx.example");
        assertEquals(Status.OK, result.status(), result.toString());
        assertEquals(List.of("DANE_NULL_MX"), codes(result));
    }

    @Test
    void whenNeitherTheMxRecordsNorAProbeArriveDaneIsNotCheckedRatherThanOk() throws Exception {
        var result = deadResolver().run("good." + MailServers.SIGNED_ZONE, List.of());
        assertEquals(Status.WARNING, result.status(), result.toString());
        assertEquals(List.of("DANE_NOT_CHECKED"), codes(result));
    }

    /** A DANE check whose resolver never answers. */
    static DaneCheck deadResolver() throws Exception {
        int deadPort;
        try (var socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        return new DaneCheck(ValidatingDns.using("127.0.0.1:" + deadPort, Duration.ofMillis(300),
                List.of(ZoneKey.generate(MailServers.SIGNED_ZONE).trustAnchor())));
    }

    @Test
    void anUnreachableResolverIsAFailedLookUp() throws Exception {
        var dead = deadResolver();
        var probe = new MxProbe.NoStartTls("mx.good." + MailServers.SIGNED_ZONE, InetAddress.getByName("127.0.0.40"),
                null);
        assertEquals(List.of("DANE_DNS_FAILED"), codes(dead.run("good." + MailServers.SIGNED_ZONE, List.of(probe))));
    }
}
