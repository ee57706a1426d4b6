package io.phishfence.ingest.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.phishfence.events.Event;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.Topics;
import io.phishfence.events.kafka.KafkaClientMeters;
import io.phishfence.events.kafka.NativeLz4;
import io.phishfence.ingest.IngestConfig;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes received reports. A report counts as received only once every in-sync replica has it
 * (acks=all); the idempotent producer keeps a retried send from writing it twice.
 */
@ApplicationScoped
public class ReportPublisher {

    private static final Logger LOG = Logger.getLogger(ReportPublisher.class);

    private final KafkaProducer<String, Event> producer;
    private final KafkaClientMetrics producerMeters;
    private final Timer acknowledged;
    private final Timer failed;
    private volatile boolean ready;

    ReportPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, IngestConfig config,
            MeterRegistry registry) {
        int deliveryTimeout = config.kafka().deliveryTimeoutMs();
        int linger = config.kafka().lingerMs();
        // Kafka wants delivery.timeout.ms >= linger.ms + request.timeout.ms: a report may wait out its linger and
        // then one whole request.
        int requestTimeout = Math.min(deliveryTimeout - linger, 10_000);
        if (!NativeLz4.load() && "lz4".equals(config.kafka().compression())) {
            LOG.info("lz4 compresses reports in Java: its native library could not be loaded on this platform");
        }
        this.producer = new KafkaProducer<>(Map.<String, Object>ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "report-publisher"),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, linger),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, config.kafka().maxInFlightRequests()),
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.kafka().compression()),
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, config.kafka().batchBytes()),
                Map.entry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout),
                // send() runs on the event loop: it may wait for metadata only briefly. The topic's metadata is
                // fetched at start-up (below), so in normal operation send() does not wait at all.
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 250)),
                new StringSerializer(), new EventSerializer());
        this.producerMeters = KafkaClientMeters.measure(registry, producer);
        this.acknowledged = publishTimer(registry, "acknowledged");
        this.failed = publishTimer(registry, "failed");
    }

    /** From send to the broker's answer: how long a sender waits for Kafka. */
    private static Timer publishTimer(MeterRegistry registry, String result) {
        return Timer.builder("phishfence.ingest.kafka.publish")
                .description("Time from handing a report to Kafka until it was acknowledged or failed")
                .tag("result", result)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    void warmUp(@Observes StartupEvent event) {
        var thread = new Thread(() -> {
            while (!ready) {
                try {
                    producer.partitionsFor(Topics.TLSRPT_REPORTS);
                    ready = true;
                } catch (RuntimeException notYet) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "report-publisher-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** True once the producer knows the report topic's partitions, so that send() need not wait for them. */
    public boolean isReady() {
        return ready;
    }

    /** Completes when Kafka has acknowledged the report, exceptionally when it could not take it. */
    public CompletionStage<Void> publish(TlsReportReceived report) {
        var done = new CompletableFuture<Void>();
        long started = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(Topics.TLSRPT_REPORTS, report.key(), report), (metadata, error) -> {
                if (error != null) {
                    failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    done.completeExceptionally(error);
                } else {
                    acknowledged.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) {
            failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            done.completeExceptionally(e);
        }
        return done;
    }

    @PreDestroy
    void close() {
        producerMeters.close();
        producer.close(Duration.ofSeconds(10));
    }
}
