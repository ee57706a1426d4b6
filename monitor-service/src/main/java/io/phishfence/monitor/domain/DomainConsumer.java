package io.phishfence.monitor.domain;

import io.phishfence.events.DomainUpserted;
import io.phishfence.events.EventJson;
import io.phishfence.events.Topics;
import io.phishfence.events.kafka.ConsumerLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows {@link Topics#DOMAINS} in the monitor's consumer group, so that each instance learns the
 * domains of the partitions it owns. The check pipeline (issue 4) schedules from this table.
 */
@ApplicationScoped
public class DomainConsumer {

    private static final Logger LOG = Logger.getLogger(DomainConsumer.class);

    private final MonitoredDomains domains;
    private final String bootstrapServers;
    private final String group;
    private ConsumerLoop loop;

    DomainConsumer(MonitoredDomains domains, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "phishfence.monitor.kafka.domains-group") String group) {
        this.domains = domains;
        this.bootstrapServers = bootstrapServers;
        this.group = group;
    }

    void onStart(@Observes StartupEvent event) {
        loop = ConsumerLoop.start("domain-consumer", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), this::follow);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.close();
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        kafka.subscribe(List.of(Topics.DOMAINS), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                LOG.infof("checking the domains of partitions %s", partitions);
            }
        });
        while (true) {
            var records = kafka.poll(Duration.ofMillis(500));
            records.forEach(this::apply);
            if (!records.isEmpty()) {
                kafka.commitSync();
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (record.value() == null) {
            int slash = key == null ? -1 : key.indexOf('/');
            if (slash > 0) {
                domains.remove(key.substring(0, slash), key.substring(slash + 1));
            }
            return;
        }
        try {
            if (EventJson.read(record.value()) instanceof DomainUpserted domain) {
                domains.upsert(domain.tenantId(), domain.domain(), domain.occurredAt());
            }
        } catch (java.io.UncheckedIOException e) {
            LOG.errorf("skipping unreadable message at %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
    }
}
