package io.phishfence.web.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.phishfence.events.kafka.KafkaClientMeters;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox messages in order and deletes each once Kafka has acknowledged it (acks=all,
 * idempotent). One relay works at a time across all web instances (a PostgreSQL advisory lock), so
 * events about one key keep their order. A crash between ack and delete publishes a message twice;
 * every consumer is idempotent.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant naming the relay's advisory lock. */
    private static final long RELAY_LOCK = 0x5048_4953_4846_4e43L;
    private static final int BATCH = 100;
    private static final Duration IDLE = Duration.ofMillis(200);

    private final EntityManager entityManager;
    private final String bootstrapServers;
    private final MeterRegistry registry;
    private KafkaProducer<String, byte[]> producer;
    private KafkaClientMetrics producerMeters;
    private Thread thread;
    private volatile boolean running = true;

    OutboxRelay(EntityManager entityManager, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            MeterRegistry registry) {
        this.entityManager = entityManager;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                new StringSerializer(), new ByteArraySerializer());
        producerMeters = KafkaClientMeters.measure(registry, producer);
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
        }
        if (producer != null) {
            producerMeters.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void run() {
        // Hibernate asks the request-scoped tenant resolver when a session opens; this thread has no
        // request of its own, so it keeps one context open (with no tenant: the outbox is not tenant-scoped).
        var requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            relayUntilStopped();
        } finally {
            requestContext.terminate();
        }
    }

    private void relayUntilStopped() {
        while (running) {
            try {
                int published = QuarkusTransaction.requiringNew().call(this::publishBatch);
                if (published == 0) {
                    TimeUnit.MILLISECONDS.sleep(IDLE.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay could not publish (will retry): %s", e.getMessage());
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    /** @return how many messages were published, 0 when there were none or another relay holds the lock */
    private int publishBatch() throws Exception {
        boolean locked = (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        if (!locked) {
            return 0;
        }
        List<OutboxMessage> batch = OutboxMessage.find("order by id").page(0, BATCH).list();
        for (OutboxMessage message : batch) {
            producer.send(new ProducerRecord<>(message.topic, message.key, message.payload))
                    .get(30, TimeUnit.SECONDS);
            message.delete();
        }
        return batch.size();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
