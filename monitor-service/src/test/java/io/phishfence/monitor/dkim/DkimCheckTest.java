package io.phishfence.monitor.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.ComponentResult.Status;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.testing.TestDnsServer;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DKIM check against a real DNS server on loopback, with keys generated for the test. */
class DkimCheckTest {

    static TestDnsServer dns;
    static DkimCheck check;
    static String rsa2048;

    @BeforeAll
    static void zones() throws Exception {
        dns = TestDnsServer.start();
        rsa2048 = rsaKey(2048);
        dns.addTxt("strong._domainkey.signed.example", "v=DKIM1; k=rsa; p=" + rsa2048);
        // A bare PKCS#1 RSAPublicKey: the SubjectPublicKeyInfo of a 2048-bit key without its 24-byte header.
        byte[] spki = Base64.getDecoder().decode(rsa2048);
        dns.addTxt("pkcs1._domainkey.signed.example", "v=DKIM1; p="
                + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, 24, spki.length)));
        dns.addTxt("weak._domainkey.signed.example", "v=DKIM1; k=rsa; p=" + rsaKey(1024));
        dns.addTxt("short._domainkey.signed.example", "v=DKIM1; k=rsa; p=" + rsaKey(512));
        dns.addTxt("old._domainkey.signed.example", "v=DKIM1; k=rsa; p=");
        dns.addTxt("trial._domainkey.signed.example", "v=DKIM1; k=rsa; t=y:s; p=" + rsa2048);
        byte[] ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        dns.addTxt("ed._domainkey.signed.example", "v=DKIM1; k=ed25519; p="
                + Base64.getEncoder().encodeToString(Arrays.copyOfRange(ed, ed.length - 32, ed.length)));
        dns.addTxt("edshort._domainkey.signed.example", "v=DKIM1; k=ed25519; p=AAAA");
        dns.addTxt("twice._domainkey.signed.example", "v=DKIM1; p=" + rsa2048);
        dns.addTxt("twice._domainkey.signed.example", "v=DKIM1; k=rsa; p=" + rsa2048);
        dns.addTxt("garbled._domainkey.signed.example", "v=DKIM1; p=not*base64!");
        dns.addTxt("late._domainkey.signed.example", "k=rsa; v=DKIM1; p=" + rsa2048);
        dns.addTxt("nokey._domainkey.signed.example", "v=DKIM1; k=rsa");
        dns.addTxt("dsa._domainkey.signed.example", "v=DKIM1; k=dsa; p=AAAA");
        check = new DkimCheck(Dns.using(dns.address(), Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    static String rsaKey(int bits) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
    }

    static List<String> codes(ComponentResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }

    static List<String> codes(String... selectors) {
        return codes(check.run("signed.example", List.of(selectors)));
    }

    @Test
    void strongRsaAndEd25519KeysAreOk() {
        var result = check.run("signed.example", List.of("strong", "pkcs1", "ed"));
        assertEquals(Status.OK, result.status());
        assertEquals(List.of(), codes(result));
    }

    @Test
    void rsaKeysAreMeasured() {
        assertEquals(List.of("DKIM_KEY_WEAK"), codes("weak"));
        assertEquals(List.of("DKIM_KEY_TOO_SHORT"), codes("short"));
        assertTrue(check.run("signed.example", List.of("short")).findings().get(0).message().contains("512 bits"));
        assertEquals(Status.ERROR, check.run("signed.example", List.of("strong", "short")).status());
    }

    @Test
    void aRevokedKeyIsAWarning() {
        var result = check.run("signed.example", List.of("old"));
        assertEquals(List.of("DKIM_KEY_REVOKED"), codes(result));
        assertEquals(Status.WARNING, result.status());
    }

    @Test
    void theTestingFlagIsNotedWithTheRecordWithoutIt() {
        var result = check.run("signed.example", List.of("trial"));
        assertEquals(List.of("DKIM_TESTING"), codes(result));
        assertEquals(Status.OK, result.status());
        assertEquals("v=DKIM1; k=rsa; t=s; p=" + rsa2048, result.findings().get(0).fix());
    }

    @Test
    void brokenRecordsAreNamed() {
        assertEquals(List.of("DKIM_KEY_MISSING"), codes("absent"));
        assertEquals(List.of("DKIM_MULTIPLE_RECORDS"), codes("twice"));
        assertEquals(List.of("DKIM_RECORD_INVALID"), codes("garbled"));
        assertEquals(List.of("DKIM_RECORD_INVALID"), codes("late"));
        assertEquals(List.of("DKIM_RECORD_INVALID"), codes("nokey"));
        assertEquals(List.of("DKIM_RECORD_INVALID"), codes("edshort"));
        assertEquals(List.of("DKIM_KEY_TYPE_UNKNOWN"), codes("dsa"));
    }

    @Test
    void eachSelectorIsReportedByName() {
        var result = check.run("signed.example", List.of("strong", "absent", "weak"));
        assertEquals(List.of("DKIM_KEY_MISSING", "DKIM_KEY_WEAK"), codes(result));
        assertTrue(result.findings().get(0).message().contains("absent._domainkey.signed.example"));
    }

    @Test
    void withoutSelectorsTheTenantIsToldHowToAddThem() {
        var result = check.run("signed.example", List.of());
        assertEquals(Status.MISSING, result.status());
        assertEquals(List.of("DKIM_NO_SELECTORS"), codes(result));
    }

    @Test
    void aFailedLookupIsRetriedNotBlamed() throws Exception {
        var silent = TestDnsServer.start();
        String address = silent.address();
        silent.close();
        var result = new DkimCheck(Dns.using(address, Duration.ofMillis(300))).run("signed.example", List.of("strong"));
        assertEquals(List.of("DKIM_DNS_FAILED"), codes(result));
    }
}
