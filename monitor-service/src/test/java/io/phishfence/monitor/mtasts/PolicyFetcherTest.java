package io.phishfence.monitor.mtasts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.monitor.net.AddressGuard;
import io.phishfence.monitor.net.TrustStores;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link PolicyFetcher} against the real HTTPS policy hosts of {@link PolicyHosts}. */
class PolicyFetcherTest {

    @BeforeAll
    static void start() throws Exception {
        PolicyHosts.start();
    }

    @AfterAll
    static void stop() {
        PolicyHosts.stop();
    }

    static String failure(String domain) {
        var failed = assertInstanceOf(PolicyFetch.Failed.class, PolicyHosts.fetcher.fetch(domain), domain);
        return failed.finding().code();
    }

    @Test
    void fetchesAValidPolicyOverHttpsWithSni() {
        var fetched = assertInstanceOf(PolicyFetch.Fetched.class, PolicyHosts.fetcher.fetch("good.example"));
        assertEquals(PolicyHosts.POLICY, fetched.body());
    }

    @Test
    void doesNotFollowRedirects() {
        assertEquals("MTA_STS_POLICY_REDIRECT", failure("redirect.example"));
    }

    @Test
    void refusesACertificateForAnotherName() {
        assertEquals("MTA_STS_POLICY_TLS_INVALID", failure("wrongname.example"));
    }

    @Test
    void aCertificateJustTrustedForItsNameIsStillRefusedForAnother() {
        // The service's trust store remembers verdicts (RememberingTrustManager): never for another name.
        var remembering = PolicyHosts.https(new AddressGuard(List.of("127.0.0.0/8")),
                TrustStores.jdkPlus(Optional.of(PolicyHosts.trustedPem)));
        try {
            var fetcher = new PolicyFetcher(remembering, PolicyHosts.port);
            assertInstanceOf(PolicyFetch.Fetched.class, fetcher.fetch("good.example"));
            var failed = assertInstanceOf(PolicyFetch.Failed.class, fetcher.fetch("alias.example"));
            assertEquals("MTA_STS_POLICY_TLS_INVALID", failed.finding().code());
            assertInstanceOf(PolicyFetch.Fetched.class, fetcher.fetch("good.example"));
            assertEquals("MTA_STS_POLICY_TLS_INVALID", new PolicyFetcher(remembering, PolicyHosts.port)
                    .fetch("selfsigned.example") instanceof PolicyFetch.Failed f ? f.finding().code() : "fetched");
        } finally {
            remembering.close();
        }
    }

    @Test
    void refusesAnUntrustedCertificate() {
        assertEquals("MTA_STS_POLICY_TLS_INVALID", failure("selfsigned.example"));
    }

    @Test
    void refusesAPolicyOver64Kb() {
        assertEquals("MTA_STS_POLICY_TOO_LARGE", failure("big.example"));
    }

    @Test
    void refusesAnythingButTextPlain() {
        assertEquals("MTA_STS_POLICY_CONTENT_TYPE", failure("html.example"));
    }

    @Test
    void acceptsOnly200() {
        assertEquals("MTA_STS_POLICY_HTTP_STATUS", failure("gone.example"));
    }

    @Test
    void aPolicyHostWithoutAddressIsNamed() {
        assertEquals("MTA_STS_POLICY_HOST_MISSING", failure("nohost.example"));
    }

    @Test
    void doesNotConnectToPrivateAddresses() {
        assertEquals("MTA_STS_POLICY_HOST_PRIVATE", failure("internal.example"));
        var strict = PolicyHosts.https(new AddressGuard(List.of()), TrustManagerFactoryHolder.jdk());
        try {
            var failed = assertInstanceOf(PolicyFetch.Failed.class, new PolicyFetcher(strict, PolicyHosts.port)
                    .fetch("good.example"));
            assertEquals("MTA_STS_POLICY_HOST_PRIVATE", failed.finding().code());
            assertTrue(failed.finding().message().contains("127.0.0.2"));
        } finally {
            strict.close();
        }
    }

    static final class TrustManagerFactoryHolder {
        static TrustManagerFactory jdk() {
            try {
                var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                return factory;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
