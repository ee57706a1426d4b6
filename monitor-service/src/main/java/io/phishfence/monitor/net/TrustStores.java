package io.phishfence.monitor.net;

import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities the monitor trusts for policy hosts and MX hosts: the JDK's, plus an optional PEM
 * bundle ({@code phishfence.monitor.tls.trust-store}) so that tests and labs can add their own CA. Their trust
 * manager remembers its verdicts for a few seconds ({@link RememberingTrustManager}).
 */
public final class TrustStores {

    /**
     * How long a verdict on a certificate chain is kept: long enough for the repeats within one check (the BIMI
     * logo's and mark certificate's host, the addresses of an MX host) and for MX hosts that many domains share,
     * at the rate checks run; short enough that a check never leans on the previous check of the same domain.
     */
    public static final Duration VERDICT_LIFETIME = Duration.ofSeconds(10);
    /** At 167 checks a second with 3 chains each, 10 seconds of verdicts; about 200 bytes each. */
    static final int MAX_VERDICTS = 10_000;

    private TrustStores() {
    }

    /** The JDK's CAs plus those in {@code extraPem}, when given, behind one {@link RememberingTrustManager}. */
    public static TrustManagerFactory jdkPlus(Optional<Path> extraPem) {
        var manager = new RememberingTrustManager(jdk(extraPem), Clock.systemUTC(), VERDICT_LIFETIME, MAX_VERDICTS);
        return new SimpleTrustManagerFactory("phishfence") {
            @Override
            protected void engineInit(KeyStore keyStore) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters parameters) {
            }

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return new TrustManager[] {manager};
            }
        };
    }

    /** The JDK's own trust manager over its CAs plus those in {@code extraPem}, when given. */
    static X509ExtendedTrustManager jdk(Optional<Path> extraPem) {
        try {
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (extraPem.isEmpty()) {
                factory.init((KeyStore) null);
                return extended(factory);
            }
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            var jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int n = 0;
            for (var manager : jdk.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (var issuer : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, issuer);
                    }
                }
            }
            try (InputStream in = Files.newInputStream(extraPem.get())) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("extra-" + n++, certificate);
                }
            }
            factory.init(store);
            return extended(factory);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load phishfence.monitor.tls.trust-store", e);
        }
    }

    private static X509ExtendedTrustManager extended(TrustManagerFactory factory) {
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }

    /** The X.509 trust manager of {@code factory}. */
    public static X509TrustManager x509(TrustManagerFactory factory) {
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }
}
