package io.phishfence.ingest;

import static org.awaitility.Awaitility.await;

import io.phishfence.events.DomainUpserted;
import io.phishfence.events.Event;
import io.phishfence.events.EventJson;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.TenantUpserted;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.Topics;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.phishfence.testing.KafkaResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The ingest tests play web-app's part on the tenant topics and read what the service published. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A tenant with a fresh token and these domains, announced on Kafka and known to the directory. */
    public record Tenant(String id, String token) {
    }

    public static Tenant tenantWith(TenantDirectory directory, String... domains) {
        var tenant = new Tenant("tenant-" + UUID.randomUUID(), "tok" + UUID.randomUUID().toString().replace("-", ""));
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.TENANTS, tenant.id(),
                    TenantUpserted.of(tenant.id(), "Acme", tenant.token(), Instant.now())));
            for (String domain : domains) {
                var event = DomainUpserted.of(tenant.id(), domain, Instant.now());
                producer.send(new ProducerRecord<>(Topics.DOMAINS, event.key(), event));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.tenantOf(tenant.token()).isPresent()
                && List.of(domains).stream().allMatch(d -> directory.watches(tenant.id(), d)));
        return tenant;
    }

    /** The published report with this report id (waits up to 30 s). */
    public static TlsReportReceived published(String reportId) {
        return published(reportId, null);
    }

    /** The report with this id published for this tenant (any tenant when null); waits up to 30 s. */
    public static TlsReportReceived published(String reportId, String tenantId) {
        var found = new java.util.ArrayList<TlsReportReceived>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            publishedAll(reportId, Duration.ofSeconds(2), Integer.MAX_VALUE).stream()
                    .filter(e -> tenantId == null || e.tenantId().equals(tenantId))
                    .findFirst().ifPresent(found::add);
        }
        if (found.isEmpty()) {
            throw new AssertionError("report " + reportId + " was not published");
        }
        return found.get(0);
    }

    /**
     * How many times each report id is on the topic: reads every partition from the beginning up to the end
     * offsets of the moment of the call.
     */
    public static Map<String, Integer> publishedCounts() {
        var counts = new java.util.HashMap<String, Integer>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.TLSRPT_REPORTS).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var event = (TlsReportReceived) EventJson.read(record.value());
                    counts.merge(event.report().reportId(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** Every published copy of the report with this id, reading until {@code enough} are found or time is up. */
    public static List<TlsReportReceived> publishedAll(String reportId, Duration within, int enough) {
        var found = new java.util.ArrayList<TlsReportReceived>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.TLSRPT_REPORTS));
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && found.size() < enough) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var event = (TlsReportReceived) EventJson.read(record.value());
                    if (event.report().reportId().equals(reportId)) {
                        // Keyed by tenant and policy domain, so that one domain's reports keep their order.
                        org.junit.jupiter.api.Assertions.assertEquals(event.key(), record.key());
                        found.add(event);
                    }
                }
            }
        }
        return found;
    }
}
