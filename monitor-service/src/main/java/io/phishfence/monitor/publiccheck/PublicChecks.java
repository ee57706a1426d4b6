package io.phishfence.monitor.publiccheck;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.Event;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.PublicCheckCompleted;
import io.phishfence.events.PublicCheckRequested;
import io.phishfence.events.Topics;
import io.phishfence.events.kafka.KafkaClientMeters;
import io.phishfence.monitor.run.DomainChecker;
import io.phishfence.monitor.run.SingleFlight;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs one-off checks for people without an account (ADR 0010): the very components of a tenant's check, for a
 * domain nobody may monitor, with no tenant and no state. Nothing is recorded (no check state, so no regressions
 * and no alerts), the domain is not added to the monitored set, and the result goes to
 * {@link Topics#PUBLIC_CHECKS}, which no tenant's reader consumes. Requests for the same domain and selectors that
 * arrive while one runs share that run: a flood of checks of one domain costs one check.
 */
@ApplicationScoped
public class PublicChecks {

    private static final Logger LOG = Logger.getLogger(PublicChecks.class);

    private record Run(List<DomainChecked.Component> components, long durationMillis) {
    }

    private final DomainChecker checker;
    private final ExecutorService pool;
    private final KafkaProducer<String, Event> producer;
    private final KafkaClientMetrics producerMeters;
    private final Clock clock = Clock.systemUTC();
    private final SingleFlight<String, Run> running = new SingleFlight<>();

    PublicChecks(DomainChecker checker, PublicCheckConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.checker = checker;
        this.pool = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            var thread = new Thread(runnable, "public-check");
            thread.setDaemon(true);
            return thread;
        });
        this.producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "public-check-publisher",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new EventSerializer());
        this.producerMeters = KafkaClientMeters.measure(registry, producer);
    }

    /** Checks the requested domain (or joins the run already checking it) and publishes the result. */
    public CompletableFuture<PublicCheckCompleted> run(PublicCheckRequested request) {
        String key = request.domain() + " " + String.join(",", request.dkimSelectors());
        CompletableFuture<Run> run = running.run(key, () -> CompletableFuture.supplyAsync(() -> check(request), pool));
        return run.thenApply(result -> publish(PublicCheckCompleted.of(request.checkId(), request.domain(),
                        clock.instant(), result.durationMillis(), result.components())))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        LOG.errorf(error, "public check %s of %s failed", request.checkId(), request.domain());
                    }
                });
    }

    private Run check(PublicCheckRequested request) {
        long started = System.nanoTime();
        var components = checker.components(request.domain(), null, request.dkimSelectors());
        return new Run(components, (System.nanoTime() - started) / 1_000_000);
    }

    private PublicCheckCompleted publish(PublicCheckCompleted result) {
        try {
            producer.send(new ProducerRecord<>(Topics.PUBLIC_CHECKS, result.key(), result)).get(30, TimeUnit.SECONDS);
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish public check " + result.checkId(), e);
        }
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
        producerMeters.close();
        producer.close(Duration.ofSeconds(5));
    }
}
