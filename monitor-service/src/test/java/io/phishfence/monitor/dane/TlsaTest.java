package io.phishfence.monitor.dane;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.testing.TestCa;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsaTest {

    static final TestCa CA = TestCa.create("TLSA CA");
    static final List<X509Certificate> CHAIN = List.of(
            CA.issue("mx.example.com", Instant.now(), Instant.now().plus(Duration.ofDays(1))).chain());

    static byte[] digest(String algorithm, byte[] data) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(data);
    }

    @Test
    void daneEeMatchesTheLeafByKeyOrCertificateWithEveryMatchingType() throws Exception {
        X509Certificate leaf = CHAIN.get(0);
        assertTrue(new Tlsa(3, 1, 1, digest("SHA-256", leaf.getPublicKey().getEncoded())).matches(CHAIN));
        assertTrue(new Tlsa(3, 1, 2, digest("SHA-512", leaf.getPublicKey().getEncoded())).matches(CHAIN));
        assertTrue(new Tlsa(3, 0, 0, leaf.getEncoded()).matches(CHAIN));
        assertTrue(new Tlsa(3, 0, 1, digest("SHA-256", leaf.getEncoded())).matches(CHAIN));
    }

    @Test
    void daneEeDoesNotMatchTheIssuerAndDaneTaDoesNotMatchTheLeaf() throws Exception {
        byte[] issuer = digest("SHA-256", CA.certificate().getEncoded());
        byte[] leaf = digest("SHA-256", CHAIN.get(0).getEncoded());
        assertFalse(new Tlsa(3, 0, 1, issuer).matches(CHAIN));
        assertTrue(new Tlsa(2, 0, 1, issuer).matches(CHAIN));
        assertFalse(new Tlsa(2, 0, 1, leaf).matches(CHAIN));
    }

    @Test
    void pkixUsagesAndUnknownParametersAreNotUsableForSmtp() throws Exception {
        byte[] leaf = digest("SHA-256", CHAIN.get(0).getPublicKey().getEncoded());
        assertFalse(new Tlsa(1, 1, 1, leaf).usableForSmtp());
        assertFalse(new Tlsa(0, 1, 1, leaf).usableForSmtp());
        assertFalse(new Tlsa(3, 2, 1, leaf).usableForSmtp());
        assertFalse(new Tlsa(3, 1, 3, leaf).usableForSmtp());
        assertFalse(new Tlsa(1, 1, 1, leaf).matches(CHAIN));
    }
}
