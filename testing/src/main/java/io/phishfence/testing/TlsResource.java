package io.phishfence.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;
import io.smallrye.certs.PemCertificateFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost}, made for the test run, configured as the Quarkus TLS
 * configuration named by init arg {@code name} (default {@code test}). {@link #clientContext()} trusts it.
 */
public class TlsResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Path certificate;
    private String name;

    @Override
    public void init(Map<String, String> initArgs) {
        name = initArgs.getOrDefault("name", "test");
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "certs-");
            var files = new CertificateGenerator(dir, true).generate(new CertificateRequest()
                    .withName(name)
                    .withCN("localhost")
                    .withSubjectAlternativeName("DNS:localhost")
                    .withSubjectAlternativeName("IP:127.0.0.1")
                    .withDuration(Duration.ofDays(2))
                    .withFormat(Format.PEM));
            var pem = (PemCertificateFiles) files.get(0);
            certificate = pem.certFile().toAbsolutePath();
            String prefix = "quarkus.tls." + name + ".key-store.pem.0.";
            return Map.of(prefix + "cert", certificate.toString(),
                    prefix + "key", pem.keyFile().toAbsolutePath().toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    /** An SSL context for clients that trusts the test certificate and nothing else. */
    public static SSLContext clientContext() throws Exception {
        var trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        var context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** The PEM file of the certificate, for clients that take a trust file. */
    public static Path certificate() {
        return certificate;
    }

    @Override
    public void stop() {
    }
}
