package io.phishfence.monitor.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.Event;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.Topics;
import io.phishfence.events.kafka.KafkaClientMeters;
import io.phishfence.monitor.MonitorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs checks with bounded concurrency and publishes each result on {@link Topics#DOMAIN_CHECKS}. A domain
 * already being checked is not checked twice at once: the second caller gets the running check.
 */
@ApplicationScoped
public class CheckRunner {

    private static final Logger LOG = Logger.getLogger(CheckRunner.class);

    private final DomainChecker checker;
    private final ExecutorService pool;
    private final KafkaProducer<String, Event> producer;
    private final KafkaClientMetrics producerMeters;
    private final CheckMeters meters;
    private final SingleFlight<String, DomainChecked> running = new SingleFlight<>();

    CheckRunner(DomainChecker checker, MonitorConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, CheckMeters meters,
            MeterRegistry registry) {
        this.checker = checker;
        this.meters = meters;
        this.pool = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            var thread = new Thread(runnable, "domain-check");
            thread.setDaemon(true);
            return thread;
        });
        this.producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "check-publisher",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new EventSerializer());
        this.producerMeters = KafkaClientMeters.measure(registry, producer);
    }

    /** Checks the domain (or joins the check already running) and publishes the result. */
    public CompletableFuture<DomainChecked> run(String tenantId, String domain, String trigger) {
        String key = Topics.domainKey(tenantId, domain);
        return running.run(key, () -> CompletableFuture
                .supplyAsync(() -> measured(checker.check(tenantId, domain, trigger)), pool)
                .thenCompose(this::publish)
                .whenComplete((result, error) -> {
                    if (error != null) {
                        LOG.errorf(error, "checking %s failed", key);
                    }
                }));
    }

    private DomainChecked measured(DomainChecked result) {
        meters.record(result);
        return result;
    }

    /**
     * Hands the result to the producer and completes when the broker has it, without holding a check's place in
     * the pool while it waits: the producer batches the results of many checks into one request.
     */
    private CompletableFuture<DomainChecked> publish(DomainChecked result) {
        var published = new CompletableFuture<DomainChecked>();
        producer.send(new ProducerRecord<>(Topics.DOMAIN_CHECKS, result.key(), result), (metadata, error) -> {
            if (error != null) {
                published.completeExceptionally(new IllegalStateException("cannot publish the check of "
                        + result.key(), error));
            } else {
                published.complete(result);
            }
        });
        return published;
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
        producerMeters.close();
        producer.close(Duration.ofSeconds(5));
    }
}
