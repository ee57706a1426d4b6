package io.phishfence.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A {@link TestDnsServer} for a Quarkus test. Init arg {@code property}: the configuration key that takes
 * the server's {@code host:port} (each service names its resolver setting itself).
 */
public class DnsResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TestDnsServer server;
    private String property;

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
    }

    @Override
    public Map<String, String> start() {
        try {
            server = TestDnsServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(property, server.address());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
