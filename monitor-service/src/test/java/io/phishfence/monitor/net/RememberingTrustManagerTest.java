package io.phishfence.monitor.net;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.phishfence.monitor.MovableClock;
import io.phishfence.testing.TestCa;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDK's real PKIX validation behind {@link RememberingTrustManager}, counted: a verdict is reused for the same
 * chain within its lifetime, and never for another chain, another trust store, or past a certificate's expiry.
 * The cache's clock is set by the test; the JDK validates at the real time.
 */
class RememberingTrustManagerTest {

    static final Duration LIFETIME = Duration.ofSeconds(10);

    static TestCa ca;
    static Path caPem;
    static X509ExtendedTrustManager jdk;

    final MovableClock clock = new MovableClock(Instant.now());
    CountingTrustManager counted;
    RememberingTrustManager remembering;

    @BeforeAll
    static void authorities() throws Exception {
        ca = TestCa.create("Remembering Test CA");
        caPem = ca.writePem(Files.createTempDirectory(Files.createDirectories(Path.of("target")), "trust-")
                .resolve("ca.pem"));
        jdk = TrustStores.jdk(Optional.of(caPem));
    }

    @BeforeEach
    void manager() {
        counted = new CountingTrustManager(jdk);
        remembering = new RememberingTrustManager(counted, clock, LIFETIME, 100);
    }

    X509Certificate[] chain(String host, Duration validFor) {
        Instant now = Instant.now();
        return ca.issue(host, now.minus(Duration.ofDays(1)), now.plus(validFor)).chain();
    }

    @Test
    void theSameChainIsValidatedOnceWithinTheLifetime() throws Exception {
        var chain = chain("mx.same.example", Duration.ofDays(90));
        remembering.checkServerTrusted(chain, "UNKNOWN");
        clock.advance(LIFETIME.minusSeconds(1));
        remembering.checkServerTrusted(chain.clone(), "UNKNOWN");
        assertEquals(1, counted.validations.get());
    }

    @Test
    void aVerdictIsNotKeptPastItsLifetime() throws Exception {
        var chain = chain("mx.later.example", Duration.ofDays(90));
        remembering.checkServerTrusted(chain, "UNKNOWN");
        clock.advance(LIFETIME);
        remembering.checkServerTrusted(chain, "UNKNOWN");
        assertEquals(2, counted.validations.get());
    }

    @Test
    void aVerdictIsNeverKeptPastTheExpiryOfACertificateInTheChain() throws Exception {
        // The leaf expires in 10 minutes, well inside a lifetime of a day: past that instant the JDK is asked again.
        var longLived = new RememberingTrustManager(counted, clock, Duration.ofDays(1), 100);
        var chain = chain("mx.expiring.example", Duration.ofMinutes(10));
        longLived.checkServerTrusted(chain, "UNKNOWN");
        clock.set(chain[0].getNotAfter().toInstant().minusMillis(1));
        longLived.checkServerTrusted(chain, "UNKNOWN");
        assertEquals(1, counted.validations.get());
        clock.set(chain[0].getNotAfter().toInstant());
        // The JDK, at the real time, still trusts it; what matters is that it was asked.
        longLived.checkServerTrusted(chain, "UNKNOWN");
        assertEquals(2, counted.validations.get());
    }

    @Test
    void aChainThatIsNotValidYetIsNotRemembered() throws Exception {
        var chain = chain("mx.early.example", Duration.ofDays(90));
        clock.set(chain[0].getNotBefore().toInstant().minusSeconds(1));
        remembering.checkServerTrusted(chain, "UNKNOWN");
        remembering.checkServerTrusted(chain, "UNKNOWN");
        assertEquals(2, counted.validations.get());
    }

    @Test
    void aChangedChainIsValidatedAgainAndJudgedOnItsOwn() throws Exception {
        var trusted = chain("mx.changed.example", Duration.ofDays(90));
        remembering.checkServerTrusted(trusted, "UNKNOWN");
        Instant now = Instant.now();
        var untrusted = TestCa.create("Nobody's CA").issue("mx.changed.example", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(90))).chain();
        assertThrows(CertificateException.class, () -> remembering.checkServerTrusted(untrusted, "UNKNOWN"));
        // Another chain with the same leaf is another key, too.
        var leafAlone = new X509Certificate[] {trusted[0]};
        remembering.checkServerTrusted(leafAlone, "UNKNOWN");
        assertEquals(3, counted.validations.get());
    }

    @Test
    void aRefusalIsRememberedAsARefusal() throws Exception {
        Instant now = Instant.now();
        var untrusted = TestCa.create("Nobody's CA").issue("mx.refused.example", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(90))).chain();
        var first = assertThrows(CertificateException.class,
                () -> remembering.checkServerTrusted(untrusted, "UNKNOWN"));
        var second = assertThrows(CertificateException.class,
                () -> remembering.checkServerTrusted(untrusted, "UNKNOWN"));
        assertEquals(first.getMessage(), second.getMessage());
        assertEquals(1, counted.validations.get());
    }

    @Test
    void aVerdictOfOneTrustStoreIsNotAnothers() throws Exception {
        var chain = chain("mx.store.example", Duration.ofDays(90));
        remembering.checkServerTrusted(chain, "UNKNOWN");
        var withoutTheTestCa = new RememberingTrustManager(TrustStores.jdk(Optional.empty()), clock, LIFETIME, 100);
        assertThrows(CertificateException.class, () -> withoutTheTestCa.checkServerTrusted(chain, "UNKNOWN"));
    }

    @Test
    void theKeyExchangeIsPartOfTheKey() throws Exception {
        var chain = chain("mx.auth.example", Duration.ofDays(90));
        remembering.checkServerTrusted(chain, "UNKNOWN");
        assertDoesNotThrow(() -> remembering.checkServerTrusted(chain, "ECDHE_ECDSA"));
        assertEquals(2, counted.validations.get());
    }

    /** The real trust manager, counting the server chains it was asked about. */
    static final class CountingTrustManager extends X509ExtendedTrustManager {

        final AtomicInteger validations = new AtomicInteger();
        private final X509ExtendedTrustManager delegate;

        CountingTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            validations.incrementAndGet();
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            validations.incrementAndGet();
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            validations.incrementAndGet();
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
