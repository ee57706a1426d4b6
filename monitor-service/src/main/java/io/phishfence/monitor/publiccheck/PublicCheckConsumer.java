package io.phishfence.monitor.publiccheck;

import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.events.EventJson;
import io.phishfence.events.PublicCheckRequested;
import io.phishfence.events.Topics;
import io.phishfence.events.kafka.ConsumerLoop;
import io.phishfence.events.kafka.KafkaClientMeters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@link Topics#PUBLIC_CHECK_REQUESTS} in its own group, apart from the tenants' "check now", and runs each
 * request that its page still waits for. Offsets are committed after the checks of a poll have been published.
 */
@ApplicationScoped
public class PublicCheckConsumer {

    private static final Logger LOG = Logger.getLogger(PublicCheckConsumer.class);

    private final PublicChecks checks;
    private final PublicCheckConfig config;
    private final String bootstrapServers;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private ConsumerLoop loop;

    PublicCheckConsumer(PublicChecks checks, PublicCheckConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.checks = checks;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        loop = ConsumerLoop.start("public-check-requests", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, config.group(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // At most two rounds of the pool per poll: well within max.poll.interval.ms even when MX probes time out.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.concurrency() * 2),
                KafkaClientMeters.measured(registry, this::serve));
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.close();
        }
    }

    private void serve(KafkaConsumer<String, byte[]> kafka) {
        kafka.subscribe(List.of(Topics.PUBLIC_CHECK_REQUESTS));
        while (true) {
            var records = kafka.poll(Duration.ofMillis(500));
            var running = new ArrayList<CompletableFuture<?>>();
            for (var record : records) {
                try {
                    if (record.value() != null && EventJson.read(record.value()) instanceof PublicCheckRequested request) {
                        if (isStale(request)) {
                            LOG.infof("skipping public check %s of %s: requested at %s, nobody waits for it any more",
                                    request.checkId(), request.domain(), request.requestedAt());
                        } else {
                            running.add(checks.run(request));
                        }
                    }
                } catch (UncheckedIOException unreadable) {
                    LOG.errorf("skipping unreadable public check request at %s-%d@%d", record.topic(),
                            record.partition(), record.offset());
                }
            }
            if (!records.isEmpty()) {
                try {
                    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
                } catch (Exception e) {
                    LOG.warnf("some public checks failed: %s", e.getMessage());
                }
                kafka.commitSync();
            }
        }
    }

    private boolean isStale(PublicCheckRequested request) {
        return request.requestedAt() == null || request.requestedAt().plus(config.maxAge()).isBefore(clock.instant());
    }
}
