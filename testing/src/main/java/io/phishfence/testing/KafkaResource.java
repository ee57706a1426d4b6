package io.phishfence.testing;

import io.phishfence.devstack.KafkaBroker;
import io.phishfence.devstack.TopicCreator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Kafka broker (KRaft, one node) for a Quarkus test, with PhishFence's topics created; or the
 * cluster given by {@code KAFKA_BOOTSTRAP_SERVERS}. Sets {@code kafka.bootstrap.servers} for the app.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String bootstrapServers;
    private static volatile KafkaBroker broker;

    /** The bootstrap servers of the running test broker, for test code that produces or consumes. */
    public static String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("KafkaResource has not started");
        }
        return bootstrapServers;
    }

    /**
     * The embedded broker, for tests that stop and start it (outage tests); empty when the tests use an
     * external cluster.
     */
    public static java.util.Optional<KafkaBroker> broker() {
        return java.util.Optional.ofNullable(broker);
    }

    /** Replaces the broker after a test restarted it. */
    public static void restarted(KafkaBroker restarted) {
        broker = restarted;
    }

    @Override
    public Map<String, String> start() {
        try {
            if (External.isSet("KAFKA_BOOTSTRAP_SERVERS")) {
                bootstrapServers = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            } else {
                Path base = Files.createDirectories(Path.of("target"));
                broker = KafkaBroker.start(Files.createTempDirectory(base, "kafka-"), 0, 0, "384m");
                bootstrapServers = broker.bootstrapServers();
            }
            TopicCreator.createMissing(bootstrapServers, (short) 1);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Kafka for the tests", e);
        }
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
