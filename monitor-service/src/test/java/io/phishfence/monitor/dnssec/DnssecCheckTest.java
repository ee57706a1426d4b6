package io.phishfence.monitor.dnssec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.monitor.check.ComponentResult.Status;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.dns.ValidatingDns;
import io.phishfence.monitor.mx.MailServers;
import io.phishfence.testing.ZoneKey;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DNSSEC component through dnsjava's validating resolver, against the signed zones of {@link MailServers}. */
class DnssecCheckTest {

    static DnssecCheck check;

    @BeforeAll
    static void servers() throws Exception {
        MailServers.start();
        check = new DnssecCheck(MailServers.validating);
    }

    @AfterAll
    static void stop() {
        MailServers.stop();
    }

    @Test
    void aSignedZoneThatValidatesFromItsAnchorIsOk() {
        var result = check.run(MailServers.SIGNED_ZONE);
        assertEquals(Status.OK, result.status(), result.toString());
        assertTrue(result.findings().isEmpty());
    }

    @Test
    void aNameInsideTheSignedZoneIsSecureThroughItsDenialOfExistence() {
        // good.dane.example has no DNSKEY: the NSEC record proves it, which validates too.
        assertEquals(Status.OK, check.run("good." + MailServers.SIGNED_ZONE).status());
        // and a name that does not exist at all is proven absent.
        assertEquals(Status.OK, check.run("nothing-here." + MailServers.SIGNED_ZONE).status());
    }

    @Test
    void anUnsignedZoneIsMissingWithHowToSignIt() {
        var result = check.run("valid.example");
        assertEquals(Status.MISSING, result.status());
        assertEquals(List.of("DNSSEC_NOT_SIGNED"), result.findings().stream().map(Finding::code).toList());
        assertTrue(result.findings().get(0).fix().contains("DS record"));
    }

    @Test
    void aZoneSignedWithAKeyTheAnchorDoesNotNameIsBogus() {
        var result = check.run(MailServers.FORGED_ZONE);
        assertEquals(Status.ERROR, result.status());
        assertEquals(List.of("DNSSEC_BOGUS"), result.findings().stream().map(Finding::code).toList());
    }

    @Test
    void anUnreachableResolverIsAFailedLookUpNotAVerdict() throws Exception {
        int deadPort;
        try (var socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        var dead = new DnssecCheck(ValidatingDns.using("127.0.0.1:" + deadPort, Duration.ofMillis(300),
                List.of(ZoneKey.generate(MailServers.SIGNED_ZONE).trustAnchor())));
        var result = dead.run(MailServers.SIGNED_ZONE);
        assertEquals(Status.WARNING, result.status());
        assertEquals("DNSSEC_DNS_FAILED", result.findings().get(0).code());
    }
}
