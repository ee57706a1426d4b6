package io.phishfence.monitor.run;

import io.phishfence.devstack.FreePort;
import io.phishfence.testing.TestCa;
import io.phishfence.testing.TestSmtpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A real SMTP server offering STARTTLS at {@value #ADDRESS} for {@value #HOST}, with a certificate from a test CA;
 * the monitor is configured with its port ({@code phishfence.monitor.smtp.port}) and the CA
 * ({@code phishfence.monitor.tls.trust-store}), as an operator would.
 */
public class SmtpHostResource implements QuarkusTestResourceLifecycleManager {

    static final String HOST = "mx.probed.asked.example";
    static final String ADDRESS = "127.0.0.50";

    private static volatile X509Certificate leaf;
    private TestSmtpServer server;

    /** The certificate the server presents. */
    static X509Certificate leaf() {
        return leaf;
    }

    @Override
    public Map<String, String> start() {
        try {
            var ca = TestCa.create("Monitor Test CA");
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "smtp-host-");
            var issued = ca.issue(HOST, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
            leaf = issued.leaf();
            int port = FreePort.find();
            server = TestSmtpServer.withStartTls(InetAddress.getByName(ADDRESS), port, issued.serverContext());
            return Map.of("phishfence.monitor.smtp.port", String.valueOf(port),
                    "phishfence.monitor.tls.trust-store", ca.writePem(dir.resolve("ca.pem")).toAbsolutePath().toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test SMTP host", e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
