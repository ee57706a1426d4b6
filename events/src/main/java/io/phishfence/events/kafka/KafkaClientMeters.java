package io.phishfence.events.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.Producer;

/**
 * Publishes a Kafka client's own metrics (consumer lag, fetch and send rates, request latency) as Micrometer
 * meters tagged with the client id, for the services' {@code /q/metrics}. The services build their Kafka
 * clients by hand, so Quarkus' Kafka binder, which sees only the clients Quarkus makes, cannot find them.
 */
public final class KafkaClientMeters {

    private KafkaClientMeters() {
    }

    /**
     * A session that measures each consumer the loop connects, for as long as that consumer lives: a
     * reconnected consumer replaces the meters of the one before.
     */
    public static ConsumerLoop.Session measured(MeterRegistry registry, ConsumerLoop.Session session) {
        return consumer -> {
            try (var metrics = new KafkaClientMetrics(consumer)) {
                metrics.bindTo(registry);
                session.run(consumer);
            }
        };
    }

    /** Measures a producer; close the result when the producer closes. */
    public static KafkaClientMetrics measure(MeterRegistry registry, Producer<?, ?> producer) {
        var metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        return metrics;
    }
}
