package io.phishfence.system.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One HTTPS server on loopback that is the MTA-STS policy host and the BIMI logo host of every generated domain: it
 * issues, from its own CA, a certificate for whichever name the client asks for by SNI (once per name), serves each
 * domain a policy that covers its MX, an SVG Tiny PS logo and a PEM certificate. So the monitor verifies a real
 * chain and name for every one of thousands of domains.
 */
final class SniPolicyHost implements AutoCloseable {

    static final String LOGO = "<svg version=\"1.2\" baseProfile=\"tiny-ps\" xmlns=\"http://www.w3.org/2000/svg\" "
            + "viewBox=\"0 0 10 10\"><title>Bench</title><rect width=\"10\" height=\"10\" fill=\"#036\"/></svg>";

    private final Vertx vertx;
    private final HttpServer server;
    private final Path caPem;
    private final SniKeyManager keys;

    private SniPolicyHost(Vertx vertx, HttpServer server, Path caPem, SniKeyManager keys) {
        this.vertx = vertx;
        this.server = server;
        this.caPem = caPem;
        this.keys = keys;
    }

    /** @param engine the TLS implementation (BoringSSL, as web servers use OpenSSL, or the JDK's) */
    static SniPolicyHost start(Path folder, SSLEngineOptions engine) throws IOException, GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair caKeys = generator.generateKeyPair();
        KeyPair leafKeys = generator.generateKeyPair();
        X509Certificate ca = certificate("PhishFence bench CA", caKeys, caKeys, null);
        Path pem = folder.resolve("bench-ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        // Non-blocking (Netty) so that thousands of concurrent TLS handshakes do not stall it, as the JDK's
        // HttpsServer did; the engine (the JDK's or BoringSSL's) asks the key manager for each connection's SNI name.
        var keys = new SniKeyManager(ca, caKeys, leafKeys);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setSsl(true)
                .setSslEngineOptions(engine)
                .setKeyCertOptions(KeyCertOptions.wrap(keys))
                .setAcceptBacklog(1024));
        String caText = Files.readString(pem);
        server.requestHandler(request -> {
            String host = request.authority() == null ? "" : request.authority().host();
            switch (request.path()) {
                case "/.well-known/mta-sts.txt" -> request.response()
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("version: STSv1\r\nmode: enforce\r\nmx: mx." + host.replaceFirst("^mta-sts\\.", "")
                                + "\r\nmax_age: 604800\r\n");
                case "/logo.svg" -> request.response().putHeader("Content-Type", "image/svg+xml").end(LOGO);
                // Any current PEM certificate passes the monitor's look at a mark certificate.
                case "/vmc.pem" -> request.response().putHeader("Content-Type", "application/pem-certificate-chain")
                        .end(caText);
                default -> request.response().setStatusCode(404).end();
            }
        });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            vertx.close();
            throw new IOException("the policy host did not start", e);
        }
        return new SniPolicyHost(vertx, server, pem, keys);
    }

    int port() {
        return server.actualPort();
    }

    /** Keys that present, like this host, a certificate for whatever name SNI asks: the MX hosts'. */
    X509KeyManager keyManager() {
        return keys;
    }

    /** The CA that issued every certificate, as the monitor's extra trust store. */
    Path caPem() {
        return caPem;
    }

    @Override
    public void close() {
        vertx.close();
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private static X509Certificate certificate(String name, KeyPair subject, KeyPair issuerKeys, X509Certificate issuer)
            throws GeneralSecurityException {
        try {
            var now = Instant.now();
            X500Name issuerName = new X500Name("CN=" + (issuer == null ? name : "PhishFence bench CA"));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(90))), new X500Name("CN=" + name), subject.getPublic());
            if (issuer == null) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            } else {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Picks the certificate by the SNI name, issuing it on first use. */
    private static final class SniKeyManager extends X509ExtendedKeyManager {

        private final X509Certificate ca;
        private final KeyPair caKeys;
        private final KeyPair leafKeys;
        private final Map<String, X509Certificate[]> issued = new ConcurrentHashMap<>();

        SniKeyManager(X509Certificate ca, KeyPair caKeys, KeyPair leafKeys) {
            this.ca = ca;
            this.caKeys = caKeys;
            this.leafKeys = leafKeys;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return keyType.startsWith("EC") ? requestedName(engine.getHandshakeSession()) : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keyType.startsWith("EC") ? requestedName(((SSLSocket) socket).getHandshakeSession()) : null;
        }

        private static String requestedName(SSLSession session) {
            if (session instanceof ExtendedSSLSession extended) {
                for (var name : extended.getRequestedServerNames()) {
                    if (name instanceof SNIHostName host) {
                        return host.getAsciiName();
                    }
                }
            }
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return issued.computeIfAbsent(alias, name -> {
                try {
                    return new X509Certificate[] {certificate(name, leafKeys, caKeys, ca), ca};
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return leafKeys.getPrivate();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
