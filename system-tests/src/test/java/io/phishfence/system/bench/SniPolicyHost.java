package io.phishfence.system.bench;

import io.phishfence.testing.TestCa;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.io.IOException;
import java.net.Socket;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

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

    /**
     * @param engine the TLS implementation (BoringSSL, as web servers use OpenSSL, or the JDK's)
     * @param caAlgorithm what the CA signs with; the servers' own keys are P-256 either way
     */
    static SniPolicyHost start(Path folder, SSLEngineOptions engine, TestCa.KeyAlgorithm caAlgorithm)
            throws IOException, GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair leafKeys = generator.generateKeyPair();
        TestCa ca = TestCa.create("PhishFence bench CA", caAlgorithm);
        Path pem = ca.writePem(folder.resolve("bench-ca.pem"));
        // Non-blocking (Netty) so that thousands of concurrent TLS handshakes do not stall it, as the JDK's
        // HttpsServer did; the engine (the JDK's or BoringSSL's) asks the key manager for each connection's SNI name.
        var keys = new SniKeyManager(ca, leafKeys);
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

    /** Picks the certificate by the SNI name, issuing it on first use. */
    private static final class SniKeyManager extends X509ExtendedKeyManager {

        private final TestCa ca;
        private final KeyPair leafKeys;
        private final Map<String, X509Certificate[]> issued = new ConcurrentHashMap<>();

        SniKeyManager(TestCa ca, KeyPair leafKeys) {
            this.ca = ca;
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
            Instant now = Instant.now();
            return issued.computeIfAbsent(alias, name -> ca.chain(name, leafKeys.getPublic(),
                    now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90))));
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
