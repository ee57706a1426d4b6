package io.phishfence.monitor.tenant;

import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.events.EventJson;
import io.phishfence.events.TenantUpserted;
import io.phishfence.events.Topics;
import io.phishfence.events.kafka.ConsumerLoop;
import io.phishfence.events.kafka.KafkaClientMeters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each tenant's own reporting addresses, read from the compacted {@link Topics#TENANTS} (every partition, no
 * group), so that the TLS-RPT check can tell whether a record reaches PhishFence.
 */
@ApplicationScoped
public class TenantAddresses {

    /** A tenant's rua URIs. */
    public record Rua(String mailto, String https) {
    }

    private final Map<String, Rua> byTenant = new ConcurrentHashMap<>();
    private final String bootstrapServers;
    private final MeterRegistry registry;
    private ConsumerLoop loop;

    TenantAddresses(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        loop = ConsumerLoop.start("tenant-addresses", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), KafkaClientMeters.measured(registry, this::read));
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.close();
        }
    }

    public Optional<Rua> of(String tenantId) {
        return Optional.ofNullable(byTenant.get(tenantId));
    }

    private void read(KafkaConsumer<String, byte[]> kafka) {
        var partitions = kafka.partitionsFor(Topics.TENANTS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        while (true) {
            for (var record : kafka.poll(Duration.ofMillis(500))) {
                if (record.value() == null) {
                    byTenant.remove(record.key());
                    continue;
                }
                try {
                    if (EventJson.read(record.value()) instanceof TenantUpserted tenant && tenant.ruaMailto() != null) {
                        byTenant.put(tenant.tenantId(), new Rua(tenant.ruaMailto(), tenant.ruaHttps()));
                    }
                } catch (java.io.UncheckedIOException unreadable) {
                    // Not a tenant event: nothing to learn from it.
                }
            }
        }
    }
}
