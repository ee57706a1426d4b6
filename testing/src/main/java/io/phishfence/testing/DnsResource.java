package io.phishfence.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A {@link TestDnsServer} for a Quarkus test. Init arg {@code property}: the configuration key that takes
 * the server's {@code host:port} (each service names its resolver setting itself). Optional init args
 * {@code signed-zone} and {@code trust-anchor-property}: a zone the server signs from the start, and the
 * configuration key that takes its DS record as the validator's trust anchor.
 */
public class DnsResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TestDnsServer server;
    private String property;
    private String signedZone;
    private String trustAnchorProperty;

    /** The running server, for tests to put records in. */
    public static TestDnsServer server() {
        if (server == null) {
            throw new IllegalStateException("DnsResource has not started");
        }
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        property = initArgs.getOrDefault("property", "phishfence.dns.server");
        signedZone = initArgs.get("signed-zone");
        trustAnchorProperty = initArgs.get("trust-anchor-property");
    }

    @Override
    public Map<String, String> start() {
        try {
            server = TestDnsServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (signedZone == null) {
            return Map.of(property, server.address());
        }
        var key = ZoneKey.generate(signedZone);
        server.signZone(key);
        return Map.of(property, server.address(), trustAnchorProperty, key.trustAnchor());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
