package io.phishfence.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL server from the zonky binaries, with its data in a folder of our choosing, so that
 * a restart of the local stack keeps the data.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String DATABASE = "phishfence";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server, creating the data folder and the {@value #DATABASE} database when missing.
     *
     * @param port the port to listen on (0 for any free one)
     */
    public static PostgresServer start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory.getParent());
        var postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port == 0 ? FreePort.find() : port)
                .setServerConfig("max_connections", "200")
                .start();
        var server = new PostgresServer(postgres, dataDirectory);
        server.createDatabaseIfMissing();
        return server;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** The embedded server trusts local connections, so any password is accepted. */
    public String password() {
        return "postgres";
    }

    private void createDatabaseIfMissing() throws IOException {
        String admin = "jdbc:postgresql://localhost:" + port() + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, USER, password());
                var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (var rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (var create = c.createStatement()) {
                        create.execute("create database " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot create database " + DATABASE, e);
        }
    }

    /**
     * Starts a stopped server again on the same port and data, as after an outage (for failure tests): the
     * clients that knew the old one reach the new one at the same address.
     */
    public PostgresServer restart() throws IOException {
        close();
        return start(dataDirectory, port());
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
