package io.phishfence.monitor.domain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.events.DomainUpserted;
import io.phishfence.events.EventJson;
import io.phishfence.events.FailureSpikeThresholds;
import io.phishfence.events.Topics;
import io.phishfence.events.kafka.ConsumerLoop;
import io.phishfence.events.kafka.DependencyHold;
import io.phishfence.events.kafka.KafkaClientMeters;
import io.phishfence.monitor.MonitorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows {@link Topics#DOMAINS} in the monitor's consumer group: each instance holds the domains of the
 * partitions it owns, and only those are checked on schedule by it. On every assignment the owned partitions
 * are read again from the beginning (the topic is compacted: it is the list of domains), so a rebalance hands
 * domains over without a coordinator of our own. The domains are also kept in {@code monitored_domain}.
 */
@ApplicationScoped
public class DomainConsumer {

    private static final Logger LOG = Logger.getLogger(DomainConsumer.class);

    private final MonitoredDomains table;
    private final String bootstrapServers;
    private final String group;
    private final Duration sessionTimeout;
    private final Duration heartbeatInterval;
    private final MeterRegistry registry;
    private final Map<TopicPartition, Map<String, DomainUpserted>> owned = new ConcurrentHashMap<>();
    private final DependencyHold hold;
    private ConsumerLoop loop;

    DomainConsumer(MonitoredDomains table, MonitorConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry,
            DataSource database) {
        this.hold = new DependencyHold("domain-consumer", DependencyHold.reachable(database), registry);
        this.table = table;
        this.registry = registry;
        // Read at each scrape: how the domains are spread over the instances, and whether a rebalance moved them.
        Gauge.builder("phishfence.monitor.domains.owned", owned,
                        partitions -> partitions.values().stream().mapToInt(Map::size).sum())
                .description("Domains this instance checks on schedule: those of its partitions of phishfence.domains")
                .register(registry);
        this.bootstrapServers = bootstrapServers;
        this.group = config.kafka().domainsGroup();
        this.sessionTimeout = config.kafka().domainsSessionTimeout();
        this.heartbeatInterval = config.kafka().domainsHeartbeatInterval();
    }

    void onStart(@Observes StartupEvent event) {
        loop = ConsumerLoop.start("domain-consumer", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                // Kafka's 45 s default would leave a crashed instance's domains unchecked for most of a minute.
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) heartbeatInterval.toMillis(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), KafkaClientMeters.measured(registry, this::follow));
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.close();
        }
    }

    /** The domains this instance checks on schedule now. */
    public List<DomainUpserted> owned() {
        return owned.values().stream().flatMap(domains -> domains.values().stream()).toList();
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        kafka.subscribe(List.of(Topics.DOMAINS), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                partitions.forEach(owned::remove);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                partitions.forEach(p -> owned.put(p, new ConcurrentHashMap<>()));
                kafka.seekToBeginning(partitions);
                LOG.infof("checking the domains of partitions %s", partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                onPartitionsRevoked(partitions);
            }
        });
        while (true) {
            // No offsets to commit: every assignment reads its partitions from the start.
            hold.handleAll(kafka, kafka.poll(Duration.ofMillis(500)), this::applyOrHold);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        var partition = owned.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                p -> new ConcurrentHashMap<>());
        String key = record.key();
        if (record.value() == null) {
            partition.remove(key);
            int slash = key == null ? -1 : key.indexOf('/');
            if (slash > 0) {
                table.remove(key.substring(0, slash), key.substring(slash + 1));
            }
            return;
        }
        try {
            if (EventJson.read(record.value()) instanceof DomainUpserted domain) {
                partition.put(key, domain);
                table.upsert(domain.tenantId(), domain.domain(), domain.occurredAt(), domain.dkimSelectors(),
                        spikeThresholds(domain));
            }
        } catch (java.io.UncheckedIOException e) {
            LOG.errorf("skipping unreadable message at %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
    }

    /** The domain's own spike thresholds if they are within the contract's bounds; otherwise the defaults. */
    private static FailureSpikeThresholds spikeThresholds(DomainUpserted domain) {
        var spike = domain.failureSpike();
        if (spike != null && !spike.withinBounds()) {
            LOG.warnf("spike thresholds %s of %s are out of bounds: the defaults apply", spike, domain.key());
            return null;
        }
        return spike;
    }

    /** Applies the record; a failure while the database is away holds the consumer until it is back. */
    private void applyOrHold(ConsumerRecord<String, byte[]> record) {
        try {
            apply(record);
        } catch (DependencyHold.Unavailable away) {
            throw away;
        } catch (RuntimeException e) {
            hold.throwIfUnavailable(e);
            throw e;
        }
    }
}
