package io.phishfence.monitor.alert;

import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertResolved;
import io.phishfence.events.Event;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes alerts on {@link Topics#ALERTS} and waits for the broker's ack, so that a caller's transaction
 * commits only what has been published (ADR 0006).
 */
@ApplicationScoped
public class AlertPublisher {

    /** Alerts published, by rule and severity ({@code phishfence_alerts_raised_total}). */
    static final String RAISED = "phishfence.alerts.raised";
    /** Resolved notices published, by rule ({@code phishfence_alerts_resolved_total}). */
    static final String RESOLVED = "phishfence.alerts.resolved";

    private final KafkaProducer<String, Event> producer;
    private final MeterRegistry registry;

    AlertPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.registry = registry;
        this.producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new EventSerializer());
    }

    /** Labels are bounded (a rule, a severity): never a tenant or a domain. */
    public void raised(AlertRaised alert) {
        send(alert.key(), alert);
        registry.counter(RAISED, "rule", alert.rule(), "severity", alert.severity()).increment();
    }

    public void resolved(AlertResolved alert) {
        send(alert.key(), alert);
        registry.counter(RESOLVED, "rule", alert.rule()).increment();
    }

    private void send(String key, Event event) {
        try {
            producer.send(new ProducerRecord<>(Topics.ALERTS, key, event)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing an alert about " + key, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish an alert about " + key, e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
