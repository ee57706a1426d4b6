package io.phishfence.monitor.mtasts;


import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.phishfence.devstack.FreePort;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.net.AddressGuard;
import io.phishfence.monitor.net.HttpsFetcher;
import io.phishfence.testing.TestDnsServer;
import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;
import io.smallrye.certs.PemCertificateFiles;
import io.smallrye.certs.Pkcs12CertificateFiles;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;

/**
 * Real HTTPS policy hosts on loopback addresses (127.0.0.2, .3, ...: one per case, all on one port), found
 * through a real DNS server, each with its own generated certificate; and a {@link PolicyFetcher} that trusts
 * the certificates meant to be trusted. Shared by the MTA-STS tests.
 */
final class PolicyHosts {

    private PolicyHosts() {
    }

    static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.good.example\r\nmax_age: 604800\r\n";
    static final List<HttpsServer> servers = new ArrayList<>();
    static TestDnsServer dns;
    static Vertx vertx;
    static HttpsFetcher https;
    static PolicyFetcher fetcher;
    static Path certs;
    /** The certificates meant to be trusted, as one PEM bundle ({@code phishfence.monitor.tls.trust-store}). */
    static Path trustedPem;
    static int port;

    /** A policy host for {@code domain} at {@code ip}, with a certificate for {@code certificateName}. */
    record Host(String domain, String ip, String certificateName, boolean trusted, int status, String type, String body) {
    }

    static final List<Host> HOSTS = List.of(
            new Host("good.example", "127.0.0.2", "mta-sts.good.example", true, 200, "text/plain; charset=utf-8", POLICY),
            new Host("redirect.example", "127.0.0.3", "mta-sts.redirect.example", true, 301, "text/plain", ""),
            new Host("wrongname.example", "127.0.0.4", "www.other.example", true, 200, "text/plain", POLICY),
            new Host("selfsigned.example", "127.0.0.5", "mta-sts.selfsigned.example", false, 200, "text/plain", POLICY),
            new Host("big.example", "127.0.0.6", "mta-sts.big.example", true, 200, "text/plain", POLICY + "x".repeat(70_000)),
            new Host("html.example", "127.0.0.7", "mta-sts.html.example", true, 200, "text/html", "<html>" + POLICY),
            new Host("gone.example", "127.0.0.8", "mta-sts.gone.example", true, 404, "text/plain", "not found"));

    static void start() throws Exception {
        dns = TestDnsServer.start();
        certs = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "policy-certs-");
        port = FreePort.find();
        var trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        var bundle = new StringBuilder();
        for (Host host : HOSTS) {
            var files = new CertificateGenerator(certs, true).generate(new CertificateRequest()
                    .withName(host.domain())
                    .withCN(host.certificateName())
                    .withSubjectAlternativeName("DNS:" + host.certificateName())
                    .withDuration(Duration.ofDays(2))
                    .withFormats(List.of(Format.PEM, Format.PKCS12))
                    .withPassword("secret"));
            var pem = files.stream().filter(f -> f instanceof PemCertificateFiles).map(f -> (PemCertificateFiles) f)
                    .findFirst().orElseThrow();
            var p12 = files.stream().filter(f -> f instanceof Pkcs12CertificateFiles).map(f -> (Pkcs12CertificateFiles) f)
                    .findFirst().orElseThrow();
            if (host.trusted()) {
                bundle.append(Files.readString(pem.certFile()));
                try (InputStream in = Files.newInputStream(pem.certFile())) {
                    trust.setCertificateEntry(host.domain(), CertificateFactory.getInstance("X.509").generateCertificate(in));
                }
            }
            servers.add(serve(host, p12.keyStoreFile()));
            dns.add(new ARecord(Name.fromString("mta-sts." + host.domain() + "."), DClass.IN, 300,
                    InetAddress.getByName(host.ip())));
        }
        dns.add(new ARecord(Name.fromString("mta-sts.internal.example."), DClass.IN, 300, InetAddress.getByName("10.1.2.3")));
        // Another name for good.example's host: its certificate, trusted for mta-sts.good.example, is not for this.
        dns.add(new ARecord(Name.fromString("mta-sts.alias.example."), DClass.IN, 300, InetAddress.getByName("127.0.0.2")));
        trustedPem = Files.writeString(certs.resolve("trusted.pem"), bundle);
        var trustFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustFactory.init(trust);
        vertx = Vertx.vertx();
        https = https(new AddressGuard(List.of("127.0.0.0/8")), trustFactory);
        fetcher = new PolicyFetcher(https, port);
    }

    /**
     * A fetcher over the test DNS server. Its time limit is generous because no test waits for it to pass: on a
     * loaded machine a handshake that should succeed must never run out of time.
     */
    static HttpsFetcher https(AddressGuard guard, TrustManagerFactory trust) {
        return new HttpsFetcher(vertx, Dns.using(dns.address(), Duration.ofSeconds(10)), guard, trust,
                Duration.ofSeconds(60), 8);
    }

    static HttpsServer serve(Host host, Path keyStore) throws Exception {
        var keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, "secret".toCharArray());
        }
        var keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyFactory.init(keys, "secret".toCharArray());
        var tls = SSLContext.getInstance("TLS");
        tls.init(keyFactory.getKeyManagers(), null, null);
        var server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(host.ip()), port), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/.well-known/mta-sts.txt", exchange -> {
            byte[] body = host.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", host.type());
            if (host.status() == 301) {
                exchange.getResponseHeaders().add("Location", "https://www." + host.domain() + "/mta-sts.txt");
            }
            exchange.sendResponseHeaders(host.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    static void stop() {
        servers.forEach(server -> server.stop(0));
        https.close();
        vertx.close();
        dns.close();
    }

}
