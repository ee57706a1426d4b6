package io.phishfence.ingest.tenant;

import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.events.DomainUpserted;
import io.phishfence.events.Event;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which rua token belongs to which tenant, and which domains each tenant watches: the ingest service's
 * only state, rebuilt at start-up from the two compacted topics and kept current by reading them on.
 * Every instance reads every partition (no consumer group), so any instance can take any report.
 */
@ApplicationScoped
public class TenantDirectory {

    private static final Logger LOG = Logger.getLogger(TenantDirectory.class);

    private final Map<String, String> tenantByToken = new ConcurrentHashMap<>();
    private final Map<String, String> tokenByTenant = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> domainsByTenant = new ConcurrentHashMap<>();
    private final String bootstrapServers;
    private final MeterRegistry registry;
    private volatile boolean caughtUp;
    private ConsumerLoop loop;

    TenantDirectory(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        loop = ConsumerLoop.start("tenant-directory", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), KafkaClientMeters.measured(registry, this::readForever));
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.close();
        }
    }

    /** The tenant a rua token belongs to. */
    public Optional<String> tenantOf(String ruaToken) {
        return Optional.ofNullable(tenantByToken.get(ruaToken));
    }

    /** Whether the tenant has added this domain (an A-label). */
    public boolean watches(String tenantId, String domain) {
        return domainsByTenant.getOrDefault(tenantId, Set.of()).contains(domain);
    }

    /** True once everything that was on the topics at start-up has been read. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    private void readForever(KafkaConsumer<String, byte[]> kafka) {
        var partitions = new java.util.ArrayList<TopicPartition>();
        for (String topic : List.of(Topics.TENANTS, Topics.DOMAINS)) {
            kafka.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> startupEnd = new HashMap<>(kafka.endOffsets(partitions, Duration.ofSeconds(30)));
        while (true) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
                apply(record);
            }
            if (!caughtUp) {
                startupEnd.entrySet().removeIf(end -> kafka.position(end.getKey()) >= end.getValue());
                if (startupEnd.isEmpty()) {
                    caughtUp = true;
                    LOG.infof("tenant directory loaded: %d tenants", tokenByTenant.size());
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            applyTombstone(record.topic(), record.key());
            return;
        }
        Event event;
        try {
            event = EventJson.read(record.value());
        } catch (RuntimeException e) {
            LOG.errorf("skipping unreadable message at %s-%d@%d", record.topic(), record.partition(), record.offset());
            return;
        }
        if (event instanceof TenantUpserted tenant) {
            String previous = tokenByTenant.put(tenant.tenantId(), tenant.ruaToken());
            if (previous != null && !previous.equals(tenant.ruaToken())) {
                tenantByToken.remove(previous);
            }
            tenantByToken.put(tenant.ruaToken(), tenant.tenantId());
        } else if (event instanceof DomainUpserted domain) {
            domainsByTenant.computeIfAbsent(domain.tenantId(), t -> ConcurrentHashMap.newKeySet()).add(domain.domain());
        }
    }

    private void applyTombstone(String topic, String key) {
        if (key == null) {
            return;
        }
        if (Topics.TENANTS.equals(topic)) {
            String token = tokenByTenant.remove(key);
            if (token != null) {
                tenantByToken.remove(token);
            }
            domainsByTenant.remove(key);
        } else if (Topics.DOMAINS.equals(topic)) {
            int slash = key.indexOf('/');
            if (slash > 0) {
                var domains = domainsByTenant.get(key.substring(0, slash));
                if (domains != null) {
                    domains.remove(key.substring(slash + 1));
                }
            }
        }
    }

}
