package io.phishfence.web.publiccheck;

import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.events.EventJson;
import io.phishfence.events.PublicCheckCompleted;
import io.phishfence.events.Topics;
import io.phishfence.events.kafka.ConsumerLoop;
import io.phishfence.events.kafka.KafkaClientMeters;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stores the results of public checks from {@link Topics#PUBLIC_CHECKS}, in a group of its own: the tenants' store
 * consumer never reads that topic, and a burst of public results never delays a tenant's reports. Offsets are
 * committed after the poll's results are stored; storing one twice changes nothing.
 */
@ApplicationScoped
public class PublicCheckConsumer {

    private static final Logger LOG = Logger.getLogger(PublicCheckConsumer.class);

    private final PublicChecks checks;
    private final String bootstrapServers;
    private final String group;
    private final MeterRegistry registry;
    private ConsumerLoop loop;

    PublicCheckConsumer(PublicChecks checks, PublicCheckConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.checks = checks;
        this.bootstrapServers = bootstrapServers;
        this.group = config.group();
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        loop = ConsumerLoop.start("public-check-results", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), KafkaClientMeters.measured(registry, this::store));
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.close();
        }
    }

    private void store(KafkaConsumer<String, byte[]> kafka) {
        // Hibernate asks the request-scoped tenant resolver when a session opens: give this thread a context.
        var requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            kafka.subscribe(List.of(Topics.PUBLIC_CHECKS));
            while (true) {
                var records = kafka.poll(Duration.ofMillis(500));
                for (var record : records) {
                    try {
                        if (record.value() != null
                                && EventJson.read(record.value()) instanceof PublicCheckCompleted result) {
                            checks.complete(result);
                        }
                    } catch (UncheckedIOException unreadable) {
                        LOG.errorf("skipping unreadable public check result at %s-%d@%d", record.topic(),
                                record.partition(), record.offset());
                    }
                }
                if (!records.isEmpty()) {
                    kafka.commitSync();
                }
            }
        } finally {
            requestContext.terminate();
        }
    }
}
