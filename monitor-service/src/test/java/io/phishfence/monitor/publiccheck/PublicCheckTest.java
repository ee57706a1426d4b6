package io.phishfence.monitor.publiccheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.DomainChecked;
import io.phishfence.events.Event;
import io.phishfence.events.EventJson;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.PublicCheckCompleted;
import io.phishfence.events.PublicCheckRequested;
import io.phishfence.events.Topics;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;

/**
 * One-off checks without an account, asked for on Kafka and run against a real DNS server: the same findings as a
 * tenant's check, published on their own topic, and nothing remembered.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = {
        @ResourceArg(name = "property", value = "phishfence.monitor.dns.server"),
        @ResourceArg(name = "signed-zone", value = "asked.example"),
        @ResourceArg(name = "trust-anchor-property", value = "phishfence.monitor.dnssec.trust-anchors")})
class PublicCheckTest {

    static final String DOMAIN = "anyone.asked.example";

    @Inject
    EntityManager entityManager;

    @Test
    void aPublicRequestRunsTheChecksAndPublishesTheResultWithoutTouchingMonitoredState() throws Exception {
        var dns = DnsResource.server();
        dns.addTxt(DOMAIN, "v=spf1 +all");
        dns.addTxt("_smtp._tls." + DOMAIN, "v=TLSRPTv1; rua=mailto:tlsrpt@elsewhere.example");
        dns.addTxt("_dmarc." + DOMAIN, "v=DMARC1; p=none");
        dns.add(DOMAIN, "MX", "10 mx." + DOMAIN + ".");
        // Not in the allowed test networks: the SSRF guard must refuse to probe it.
        dns.add("mx." + DOMAIN, "A", "10.1.2.3");

        Instant since = Instant.now();
        var stale = PublicCheckRequested.of(UUID.randomUUID().toString(), DOMAIN, since.minus(Duration.ofHours(1)), List.of());
        var request = PublicCheckRequested.of(UUID.randomUUID().toString(), DOMAIN, since, List.of());
        publish(stale);
        publish(request);

        var seen = awaitUntil(request.checkId());
        var result = seen.stream().filter(e -> e instanceof PublicCheckCompleted c && c.checkId().equals(request.checkId()))
                .map(PublicCheckCompleted.class::cast).findFirst().orElseThrow();
        assertEquals(DOMAIN, result.domain());
        assertEquals(codes(result, "spf"), List.of("SPF_PASS_ALL"), result.toString());
        // No tenant, so a record pointing anywhere is fine: no "not PhishFence" finding.
        assertEquals("ok", component(result, "tls-rpt").status(), result.toString());
        assertTrue(codes(result, "dmarc").contains("DMARC_POLICY_NONE"), result.toString());
        assertTrue(codes(result, "mx").contains("MX_HOST_PRIVATE"), result.toString());
        assertEquals("ok", component(result, "dnssec").status(), result.toString());
        assertEquals(List.of("DKIM_NO_SELECTORS"), codes(result, "dkim"));

        assertFalse(seen.stream().anyMatch(e -> e instanceof PublicCheckCompleted c && c.checkId().equals(stale.checkId())),
                "a request older than max-age is skipped");
        assertFalse(seen.stream().anyMatch(e -> e instanceof DomainChecked c && c.domain().equals(DOMAIN)),
                "a public check is never published as a tenant's check");
        assertEquals(0L, rows("monitored_domain where name = ?1"), "the domain is not monitored");
        assertEquals(0L, rows("check_state where domain = ?1"), "no check state, so no regressions and no alerts");
    }

    private long rows(String tableAndCondition) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from " + tableAndCondition).setParameter(1, DOMAIN)
                .getSingleResult()).longValue());
    }

    private static void publish(PublicCheckRequested request) throws Exception {
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.PUBLIC_CHECK_REQUESTS, request.key(), request)).get();
        }
    }

    /** Every event on the public and the tenants' result topics, until the result of {@code checkId}. */
    private static List<Event> awaitUntil(String checkId) {
        var seen = new ArrayList<Event>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.PUBLIC_CHECKS, Topics.DOMAIN_CHECKS));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    Event event = EventJson.read(record.value());
                    seen.add(event);
                    if (event instanceof PublicCheckCompleted c && c.checkId().equals(checkId)) {
                        return seen;
                    }
                }
            }
        }
        throw new AssertionError("no result of public check " + checkId + " was published");
    }

    private static DomainChecked.Component component(PublicCheckCompleted result, String name) {
        return result.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> codes(PublicCheckCompleted result, String name) {
        return component(result, name).findings().stream().map(DomainChecked.Finding::code).toList();
    }
}
