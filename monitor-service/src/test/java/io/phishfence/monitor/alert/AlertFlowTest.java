package io.phishfence.monitor.alert;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertResolved;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.DomainUpserted;
import io.phishfence.events.Event;
import io.phishfence.events.EventJson;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.FailureSpikeThresholds;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.Topics;
import io.phishfence.events.tlsrpt.DateRange;
import io.phishfence.events.tlsrpt.FailureDetail;
import io.phishfence.events.tlsrpt.Policy;
import io.phishfence.events.tlsrpt.PolicyResult;
import io.phishfence.events.tlsrpt.Summary;
import io.phishfence.events.tlsrpt.TlsReport;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.phishfence.monitor.domain.MonitoredDomains;
import io.phishfence.testing.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reports and checks in on Kafka, alerts out on Kafka, through the real consumer, PostgreSQL and broker. "Nothing
 * more" is proven without waiting for a time: a sentinel sent after a replay, on the same key (so the same
 * partitions in and out), arrives after whatever the replay raised.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class AlertFlowTest {

    static final LocalDate SPIKE_DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);

    @Inject
    MonitoredDomains domains;

    String tenant;
    KafkaProducer<String, Event> producer;
    KafkaConsumer<String, byte[]> alerts;

    @BeforeEach
    void connect() {
        tenant = "tenant-" + UUID.randomUUID();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.bootstrapServers()), new StringSerializer(), new EventSerializer());
        alerts = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer());
        alerts.subscribe(List.of(Topics.ALERTS));
    }

    @AfterEach
    void close() {
        producer.close();
        alerts.close();
    }

    @Test
    void aSpikeIsRaisedOnceEscalatesOnceAndAReplayRaisesNothing() throws Exception {
        String domain = "spike.example";
        for (int back = 14; back >= 1; back--) {
            send(report(domain, "Google LLC", SPIKE_DAY.minusDays(back), 990, 10, "certificate-expired"));
        }
        var spike = report(domain, "Google LLC", SPIKE_DAY, 800, 200, "starttls-not-supported");
        send(spike);

        var first = awaitAlerts(domain, a -> a instanceof AlertRaised r && r.rule().equals(AlertRaised.RULE_NEW_FAILURE_TYPE));
        var raised = (AlertRaised) first.get(0);
        assertEquals(AlertRaised.WARNING, raised.severity());
        assertEquals(AlertRaised.identity(tenant, domain, AlertRaised.RULE_FAILURE_SPIKE, "", SPIKE_DAY.toString()),
                raised.alertId());
        assertTrue(raised.evidence().contains(new AlertRaised.Evidence("Failed sessions", "200 of 1,000 (20.0%)")),
                raised.evidence().toString());
        assertEquals(List.of(AlertRaised.RULE_FAILURE_SPIKE + "/", AlertRaised.RULE_NEW_FAILURE_TYPE + "/starttls-not-supported"),
                first.stream().map(a -> ((AlertRaised) a).rule() + "/" + ((AlertRaised) a).subject()).toList());

        send(spike);
        send(report(domain, "Microsoft", SPIKE_DAY, 0, 900, "starttls-not-supported"));
        var after = awaitAlerts(domain, a -> a instanceof AlertRaised r
                && r.rule().equals(AlertRaised.RULE_SENDER_WIDE_FAILURE));
        assertEquals(List.of(AlertRaised.RULE_FAILURE_SPIKE + "/critical", AlertRaised.RULE_SENDER_WIDE_FAILURE + "/critical"),
                after.stream().map(a -> ((AlertRaised) a).rule() + "/" + ((AlertRaised) a).severity()).toList(),
                "the replay raised nothing; the second sender escalated the spike, once");
        assertEquals(raised.alertId(), ((AlertRaised) after.get(0)).alertId());
    }

    @Test
    void theDomainsOwnSpikeThresholdsFromItsDomainEventDecideWhetherItsSpikeAlerts() throws Exception {
        String domain = "thresholds.example";
        send(DomainUpserted.of(tenant, domain, Instant.now(), List.of(), new FailureSpikeThresholds(300, 3, 5, 14)));
        await().atMost(Duration.ofSeconds(30)).until(() -> domains.spikeThresholds(tenant, domain).isPresent());
        for (int back = 14; back >= 1; back--) {
            send(report(domain, "Google LLC", SPIKE_DAY.minusDays(back), 990, 10, "certificate-expired"));
        }
        send(report(domain, "Google LLC", SPIKE_DAY, 800, 200, "certificate-expired"));
        // Raised by the same evaluation as a spike would be, so it comes after any spike.
        send(report(domain, "Microsoft", SPIKE_DAY, 0, 5, "certificate-expired"));
        var strict = awaitAlerts(domain, a -> a instanceof AlertRaised r
                && r.rule().equals(AlertRaised.RULE_SENDER_WIDE_FAILURE));
        assertEquals(List.of(AlertRaised.RULE_SENDER_WIDE_FAILURE), rules(strict),
                "205 failed sessions are a spike by default, not under this domain's minimum of 300");

        send(DomainUpserted.of(tenant, domain, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> domains.spikeThresholds(tenant, domain).isEmpty());
        send(report(domain, "Yahoo", SPIKE_DAY, 100, 0, "certificate-expired"));
        var byDefault = awaitAlerts(domain, a -> a instanceof AlertRaised);
        assertEquals(List.of(AlertRaised.RULE_FAILURE_SPIKE), rules(byDefault), "back to the defaults: 10 failed");
        assertTrue(((AlertRaised) byDefault.get(0)).evidence().contains(new AlertRaised.Evidence("Alert rule",
                FailureSpikeThresholds.DEFAULTS.inWords())), byDefault.toString());
    }

    static List<String> rules(List<Event> alerts) {
        return alerts.stream().map(a -> ((AlertRaised) a).rule()).toList();
    }

    @Test
    void aCheckRegressionIsRaisedOnceAndResolvedOnRecovery() throws Exception {
        String domain = "regress.example";
        var before = scrape();
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        var unreachable = new DomainChecked.Finding("MTA_STS_POLICY_UNREACHABLE", "error", "The policy cannot be fetched.",
                null);
        send(check(domain, t0, "ok"));
        var broken = check(domain, t0.plusSeconds(3600), "error", unreachable);
        send(broken);
        var raised = awaitAlerts(domain, a -> a instanceof AlertRaised);
        assertEquals(1, raised.size(), "the first check set the baseline silently: " + raised);
        var regression = (AlertRaised) raised.get(0);
        assertEquals("MTA_STS_POLICY_UNREACHABLE", regression.subject());
        assertEquals(AlertRaised.CRITICAL, regression.severity());

        send(broken);
        send(check(domain, t0.plusSeconds(5400), "error", unreachable));
        send(check(domain, t0.plusSeconds(7200), "ok"));
        var after = awaitAlerts(domain, a -> a instanceof AlertResolved);
        assertEquals(1, after.size(), "neither the replayed check nor the one still failing raised anything: " + after);
        assertEquals(regression.alertId(), ((AlertResolved) after.get(0)).alertId());

        String text = metricsText();
        var metrics = new PrometheusScrape(text);
        assertTrue(metrics.value(RAISED, "rule", AlertRaised.RULE_CHECK_REGRESSION, "severity", AlertRaised.CRITICAL)
                >= before.value(RAISED, "rule", AlertRaised.RULE_CHECK_REGRESSION, "severity", AlertRaised.CRITICAL) + 1,
                "raised alerts are counted by rule and severity");
        assertTrue(metrics.value(RESOLVED, "rule", AlertRaised.RULE_CHECK_REGRESSION)
                >= before.value(RESOLVED, "rule", AlertRaised.RULE_CHECK_REGRESSION) + 1, "resolved notices too");
        assertFalse(text.contains(tenant), "no tenant in any label");
    }

    static final String RAISED = "phishfence_alerts_raised_total";
    static final String RESOLVED = "phishfence_alerts_resolved_total";

    static PrometheusScrape scrape() {
        return new PrometheusScrape(metricsText());
    }

    static String metricsText() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** Alerts about this test's tenant and {@code domain} up to and including the first that is {@code last}. */
    List<Event> awaitAlerts(String domain, Predicate<Event> last) {
        var seen = new ArrayList<Event>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (var record : alerts.poll(Duration.ofMillis(200))) {
                if (!record.key().equals(Topics.domainKey(tenant, domain))) {
                    continue;
                }
                Event event = EventJson.read(record.value());
                seen.add(event);
                if (last.test(event)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("the awaited alert did not come; seen: " + seen);
    }

    void send(Event event) throws Exception {
        ProducerRecord<String, Event> record;
        if (event instanceof TlsReportReceived r) {
            record = new ProducerRecord<>(Topics.TLSRPT_REPORTS, r.key(), r);
        } else if (event instanceof DomainUpserted d) {
            record = new ProducerRecord<>(Topics.DOMAINS, d.key(), d);
        } else {
            record = new ProducerRecord<>(Topics.DOMAIN_CHECKS, ((DomainChecked) event).key(), event);
        }
        producer.send(record).get();
    }

    TlsReportReceived report(String domain, String sender, LocalDate day, long ok, long failed, String type) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        var details = failed == 0 ? List.<FailureDetail>of()
                : List.of(new FailureDetail(type, null, "mx." + domain, null, null, failed, null, null));
        var report = new TlsReport(sender, new DateRange(start, start.plusSeconds(86_399)), null,
                sender + "-" + day, List.of(new PolicyResult(new Policy("sts", List.of(), domain, List.of()),
                        new Summary(ok, failed), details)));
        return TlsReportReceived.of(tenant, domain, TlsReportReceived.CHANNEL_HTTPS, start.plusSeconds(90_000), report,
                "application/tlsrpt+json", new byte[] {'{', '}'});
    }

    DomainChecked check(String domain, Instant at, String status, DomainChecked.Finding... findings) {
        return DomainChecked.of(tenant, domain, at, 5, "schedule",
                List.of(new DomainChecked.Component("mta-sts", status, List.of(findings))), List.of());
    }
}
