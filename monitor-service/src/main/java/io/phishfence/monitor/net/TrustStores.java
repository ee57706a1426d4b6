package io.phishfence.monitor.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities the monitor trusts for policy hosts and MX hosts: the JDK's, plus an optional PEM
 * bundle ({@code phishfence.monitor.tls.trust-store}) so that tests and labs can add their own CA.
 */
public final class TrustStores {

    private TrustStores() {
    }

    /** The JDK's CAs plus those in {@code extraPem}, when given. */
    public static TrustManagerFactory jdkPlus(Optional<Path> extraPem) {
        try {
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (extraPem.isEmpty()) {
                factory.init((KeyStore) null);
                return factory;
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
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load phishfence.monitor.tls.trust-store", e);
        }
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
