package io.phishfence.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Chains from the test CA as a client checks them: PKIX from the CA as the only trust anchor. */
class TestCaTest {

    private static final Instant NOW = Instant.now();

    @Test
    void anRsaCaSignsWithRsaWhileTheServerKeepsItsP256Key() throws Exception {
        var ca = TestCa.create("RSA test CA", TestCa.KeyAlgorithm.RSA_2048);
        var issued = ca.issue("mx.rsa.example", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)));

        assertEquals("SHA256withRSA", issued.leaf().getSigAlgName());
        assertEquals("EC", issued.leaf().getPublicKey().getAlgorithm());
        assertEquals("RSA", ca.certificate().getPublicKey().getAlgorithm());
        validate(ca, issued.chain());
    }

    @Test
    void theDefaultCaSignsWithEcdsa() throws Exception {
        var ca = TestCa.create("EC test CA");
        var issued = ca.issue("mx.ec.example", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)));

        assertEquals("SHA256withECDSA", issued.leaf().getSigAlgName());
        validate(ca, issued.chain());
    }

    @Test
    void aChainForAKeyTheServerHoldsCarriesThatKeyAndTheName() throws Exception {
        var ca = TestCa.create("SNI test CA", TestCa.KeyAlgorithm.RSA_2048);
        var serverKey = TestCa.selfSigned("unused.example", NOW, NOW.plus(Duration.ofDays(1))).leaf().getPublicKey();

        var chain = ca.chain("www.sni.example", serverKey, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)));

        assertEquals(serverKey, chain[0].getPublicKey());
        assertEquals("CN=www.sni.example", chain[0].getSubjectX500Principal().getName());
        validate(ca, chain);
        assertThrows(java.security.cert.CertPathValidatorException.class,
                () -> validate(TestCa.create("Another CA", TestCa.KeyAlgorithm.RSA_2048), chain));
    }

    private static void validate(TestCa ca, java.security.cert.X509Certificate[] chain) throws Exception {
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain[0]));
        var parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(false);
        java.security.cert.CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }
}
