package io.phishfence.system.bench;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
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
 * One HTTPS server on loopback that is the MTA-STS policy host of every generated domain: it issues, from its own
 * CA, a certificate for whichever name the client asks for by SNI (once per name), and serves each domain a policy
 * that covers its MX. So the monitor verifies a real chain and name for every one of thousands of domains.
 */
final class SniPolicyHost implements AutoCloseable {

    private final HttpsServer server;
    private final ExecutorService workers;
    private final Path caPem;

    private SniPolicyHost(HttpsServer server, ExecutorService workers, Path caPem) {
        this.server = server;
        this.workers = workers;
        this.caPem = caPem;
    }

    static SniPolicyHost start(Path folder) throws IOException, GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair caKeys = generator.generateKeyPair();
        KeyPair leafKeys = generator.generateKeyPair();
        X509Certificate ca = certificate("PhishFence bench CA", caKeys, caKeys, null);
        Path pem = folder.resolve("bench-ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        var context = SSLContext.getInstance("TLS");
        context.init(new javax.net.ssl.KeyManager[] {new SniKeyManager(ca, caKeys, leafKeys)}, null, null);
        var server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                // The JDK's HttpsServer stalls connections under TLS 1.3 load (its blocking SSLStreams); the monitor
                // accepts 1.2, and the benchmark is about the monitor, not this server.
                parameters.setProtocols(new String[] {"TLSv1.2"});
            }
        });
        server.createContext("/.well-known/mta-sts.txt", exchange -> {
            String host = exchange.getRequestHeaders().getFirst("Host");
            String domain = host == null ? "" : host.replaceFirst(":\\d+$", "").replaceFirst("^mta-sts\\.", "");
            byte[] policy = ("version: STSv1\r\nmode: enforce\r\nmx: mx." + domain + "\r\nmax_age: 604800\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, policy.length);
            exchange.getResponseBody().write(policy);
            exchange.close();
        });
        ExecutorService workers = Executors.newFixedThreadPool(16);
        server.setExecutor(workers);
        server.start();
        return new SniPolicyHost(server, workers, pem);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The CA that issued every certificate, as the monitor's extra trust store. */
    Path caPem() {
        return caPem;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private static X509Certificate certificate(String name, KeyPair subject, KeyPair issuerKeys, X509Certificate issuer)
            throws GeneralSecurityException {
        try {
            var now = Instant.now();
            X500Name issuerName = new X500Name("CN=" + (issuer == null ? name : "PhishFence bench CA"));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(7))), new X500Name("CN=" + name), subject.getPublic());
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
