package io.phishfence.testing;

import io.phishfence.devstack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL server for a Quarkus test, in a fresh folder under {@code target/}; or the server
 * given by {@code QUARKUS_DATASOURCE_JDBC_URL} (and _USERNAME, _PASSWORD), which Quarkus reads itself.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static volatile PostgresServer server;

    /**
     * The embedded server, for tests that stop and start it (outage tests); empty when the tests use an
     * external server.
     */
    public static java.util.Optional<PostgresServer> server() {
        return java.util.Optional.ofNullable(server);
    }

    /** Replaces the server after a test restarted it. */
    public static void restarted(PostgresServer restarted) {
        server = restarted;
    }

    @Override
    public Map<String, String> start() {
        if (External.isSet("QUARKUS_DATASOURCE_JDBC_URL")) {
            server = null;
            return Map.of();
        }
        try {
            Path base = Files.createDirectories(Path.of("target"));
            server = PostgresServer.start(Files.createTempDirectory(base, "postgres-").resolve("data"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
