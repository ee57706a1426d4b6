package io.phishfence.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the infrastructure of the local stack (deploy/local/run.sh): PostgreSQL and a Kafka broker,
 * unless external ones are configured, then creates the topics and writes {@code devstack.env} with
 * the connection settings for the services. Stops what it started when it is terminated.
 *
 * <p>Environment: {@code QUARKUS_DATASOURCE_JDBC_URL} (use that server instead),
 * {@code KAFKA_BOOTSTRAP_SERVERS} (use that cluster instead), {@code PHISHFENCE_POSTGRES_PORT} (5433),
 * {@code PHISHFENCE_KAFKA_PORT} (9092), {@code PHISHFENCE_KAFKA_CONTROLLER_PORT} (9093).
 */
public final class DevStackMain {

    private DevStackMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DevStackMain <data folder>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        List<AutoCloseable> started = new ArrayList<>();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(started);
            stopped.countDown();
        }, "devstack-stop"));

        var env = new StringBuilder();
        String jdbcUrl = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            var postgres = PostgresServer.start(home.resolve("postgres"), intEnv("PHISHFENCE_POSTGRES_PORT", 5433));
            started.add(postgres);
            env.append("QUARKUS_DATASOURCE_JDBC_URL=").append(postgres.jdbcUrl()).append('\n')
                    .append("QUARKUS_DATASOURCE_USERNAME=").append(PostgresServer.USER).append('\n')
                    .append("QUARKUS_DATASOURCE_PASSWORD=").append(postgres.password()).append('\n');
            System.out.println("PostgreSQL " + postgres.jdbcUrl() + " (data in " + home.resolve("postgres") + ")");
        } else {
            System.out.println("PostgreSQL: using " + jdbcUrl);
        }

        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            var broker = KafkaBroker.start(home.resolve("kafka"), intEnv("PHISHFENCE_KAFKA_PORT", 9092),
                    intEnv("PHISHFENCE_KAFKA_CONTROLLER_PORT", 9093), "512m");
            started.add(broker);
            bootstrap = broker.bootstrapServers();
            env.append("KAFKA_BOOTSTRAP_SERVERS=").append(bootstrap).append('\n');
            System.out.println("Kafka " + bootstrap + " (log " + broker.logFile() + ")");
        } else {
            System.out.println("Kafka: using " + bootstrap);
        }
        TopicCreator.createMissing(bootstrap, (short) 1);

        writeAtomically(home.resolve("devstack.env"), env.toString());
        System.out.println("devstack ready");
        stopped.await();
    }

    private static int intEnv(String name, int defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("could not stop " + started.get(i) + ": " + e);
            }
        }
    }
}
