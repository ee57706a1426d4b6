package io.phishfence.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.phishfence.events.tlsrpt.DateRange;
import io.phishfence.events.tlsrpt.FailureDetail;
import io.phishfence.events.tlsrpt.Policy;
import io.phishfence.events.tlsrpt.PolicyResult;
import io.phishfence.events.tlsrpt.Summary;
import io.phishfence.events.tlsrpt.TlsReport;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void reportEventSurvivesTheWireWithTypeAndVersion() {
        var report = new TlsReport("Example Org", new DateRange(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T23:59:59Z")), null, "r-1", List.of(new PolicyResult(
                        new Policy("sts", List.of("version: STSv1"), "example.com", List.of("mx.example.com")),
                        new Summary(9_007_199_254_740_991L, 3),
                        List.of(new FailureDetail("starttls-not-supported", "192.0.2.1", null, null, null, 3,
                                null, null)))));
        var event = TlsReportReceived.of("t1", "example.com", TlsReportReceived.CHANNEL_HTTPS,
                Instant.parse("2026-01-02T01:02:03Z"), report, "application/tlsrpt+gzip", new byte[] {31, -117, 8});

        byte[] json = EventJson.write(event);
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"type\":\"tlsrpt.received\""), text);
        assertTrue(text.contains("\"v\":1"), text);
        assertTrue(text.contains("\"organization-name\":\"Example Org\""), text);

        var back = (TlsReportReceived) EventJson.read(json);
        assertEquals(report, back.report());
        assertArrayEquals(event.raw(), back.raw());
        assertEquals(event.receivedAt(), back.receivedAt());
        assertEquals("t1/example.com", back.key());
    }

    /**
     * Blackbird (ADR 0019) and {@link IsoInstantSerializer} change how the mapper writes, never what it writes: the
     * event's bytes are those of Jackson's reflective access and the JSR-310 module, and both read back to the same
     * event.
     */
    @Test
    void blackbirdWritesTheSameBytesAsReflection() {
        var report = new TlsReport("Example Org", new DateRange(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T23:59:59Z")), "mailto:tls@example.org", "r-2", List.of(new PolicyResult(
                        new Policy("tlsa", List.of("3 1 1 abcd"), "example.com", List.of("mx.example.com")),
                        new Summary(12, 1),
                        List.of(new FailureDetail("validation-failure", "192.0.2.1", "mx.example.com", "198.51.100.7",
                                "192.0.2.8", 1, "https://example.org/why", "X509_V_ERR")))));
        var event = TlsReportReceived.of("t1", "example.com", TlsReportReceived.CHANNEL_HTTPS,
                Instant.parse("2026-01-02T01:02:03.456789Z"), report, "application/tlsrpt+gzip", new byte[] {31, -117, 8});
        // The event mapper's writing configuration, without Blackbird.
        var reflective = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();

        var modules = EventJson.mapper().getRegisteredModuleIds();
        assertTrue(modules.stream().anyMatch(id -> id.toString().contains("Blackbird")), modules::toString);
        byte[] withBlackbird = EventJson.write(event);
        assertArrayEquals(writeReflectively(reflective, event), withBlackbird);
        assertEquals(report, ((TlsReportReceived) EventJson.read(withBlackbird)).report());
    }

    private static byte[] writeReflectively(ObjectMapper mapper, Event event) {
        try {
            return mapper.writerFor(Event.class).writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void unknownReportFieldsSurviveTheWireAndAreLeftOutWhenThereAreNone() throws Exception {
        var mapper = EventJson.mapper();
        var detail = new FailureDetail("starttls-not-supported", null, null, null, null, 3, null, null,
                Map.of("first-seen", mapper.readTree("{\"at\": \"02:00\", \"n\": [1, 2.5, null]}")));
        var report = new TlsReport("Example Org", new DateRange(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T23:59:59Z")), null, "r-1", List.of(new PolicyResult(
                        new Policy("sts", List.of(), "example.com", List.of()), new Summary(1, 3), List.of(detail))),
                Map.of("x-build", mapper.readTree("\"7\"")));
        var event = TlsReportReceived.of("t1", "example.com", TlsReportReceived.CHANNEL_HTTPS,
                Instant.parse("2026-01-02T01:02:03Z"), report, "application/tlsrpt+json", new byte[] {'{', '}'});

        String text = new String(EventJson.write(event), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"unknown-fields\":{\"x-build\":\"7\"}"), text);
        assertEquals(2, text.split("unknown-fields", -1).length - 1, "only where there are some: " + text);
        assertEquals(report, ((TlsReportReceived) EventJson.read(text.getBytes(StandardCharsets.UTF_8))).report());
    }

    @Test
    void unknownEventTypeFromANewerProducerReadsAsNull() {
        assertNull(EventJson.read("{\"type\":\"something.new\",\"v\":1}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unknownFieldsAreIgnoredSoChangesCanBeAdditive() {
        var event = EventJson.read(("{\"type\":\"domain.upserted\",\"v\":1,\"tenantId\":\"t\",\"domain\":\"a.example\","
                + "\"occurredAt\":\"2026-01-01T00:00:00Z\",\"addedLater\":true}").getBytes(StandardCharsets.UTF_8));
        assertEquals(DomainUpserted.of("t", "a.example", Instant.parse("2026-01-01T00:00:00Z")), event);
    }

    @Test
    void domainEventCarriesDkimSelectorsAndOlderMessagesReadAsNone() {
        var event = DomainUpserted.of("t", "a.example", Instant.parse("2026-01-01T00:00:00Z"), List.of("s1", "google"));
        String text = new String(EventJson.write(event), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"dkimSelectors\":[\"s1\",\"google\"]"), text);
        assertEquals(event, EventJson.read(text.getBytes(StandardCharsets.UTF_8)));

        var older = (DomainUpserted) EventJson.read(("{\"type\":\"domain.upserted\",\"v\":1,\"tenantId\":\"t\","
                + "\"domain\":\"a.example\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), older.dkimSelectors());
    }

    @Test
    void domainEventCarriesSpikeThresholdsAndWithoutThemReadsAsDefaults() {
        var custom = new FailureSpikeThresholds(50, 2.5, 10, 7);
        var event = DomainUpserted.of("t", "a.example", Instant.parse("2026-01-01T00:00:00Z"), List.of(), custom);
        String text = new String(EventJson.write(event), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"failureSpike\":{\"minFailed\":50,\"factor\":2.5,\"minPoints\":10.0,"
                + "\"baselineDays\":7}"), text);
        assertEquals(event, EventJson.read(text.getBytes(StandardCharsets.UTF_8)));

        String defaults = new String(EventJson.write(DomainUpserted.of("t", "a.example", Instant.EPOCH)),
                StandardCharsets.UTF_8);
        assertTrue(!defaults.contains("failureSpike"), "an older reader sees the message it always saw: " + defaults);
        var older = (DomainUpserted) EventJson.read(("{\"type\":\"domain.upserted\",\"v\":1,\"tenantId\":\"t\","
                + "\"domain\":\"a.example\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
        assertNull(older.failureSpike());
    }

    @Test
    void spikeThresholdsOutsideTheBoundsAreReadNotThrown() {
        var wide = (DomainUpserted) EventJson.read(("{\"type\":\"domain.upserted\",\"v\":1,\"tenantId\":\"t\","
                + "\"domain\":\"a.example\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"failureSpike\":{\"minFailed\":0,"
                + "\"factor\":3,\"minPoints\":5,\"baselineDays\":90}}").getBytes(StandardCharsets.UTF_8));
        assertTrue(!wide.failureSpike().withinBounds(), "the monitor judges such a domain by its defaults");
        assertTrue(FailureSpikeThresholds.DEFAULTS.withinBounds());
        assertTrue(!new FailureSpikeThresholds(10, Double.NaN, 5, 14).withinBounds());
        assertTrue(new FailureSpikeThresholds(1, 1, 0, 3).withinBounds(), "the lowest bounds are allowed");
        assertTrue(new FailureSpikeThresholds(1_000_000, 100, 100, 30).withinBounds(), "the highest too");
        assertTrue(!new FailureSpikeThresholds(10, 0.5, 5, 14).withinBounds());
        assertTrue(!new FailureSpikeThresholds(10, 3, 100.5, 14).withinBounds());
    }

    @Test
    void spikeThresholdsReadAsASentence() {
        assertEquals("An alert when at least 10 sessions fail in a day and the failure rate is at least 3 × the usual "
                + "rate (the median of the previous 14 days) and 5 points above it.",
                FailureSpikeThresholds.DEFAULTS.inWords());
        assertEquals("An alert when at least 1 session fails in a day and the failure rate is at least 2.5 × the usual "
                + "rate (the median of the previous 3 days) and 1 point above it.",
                new FailureSpikeThresholds(1, 2.5, 1, 3).inWords());
        assertEquals("1,500", FailureSpikeThresholds.plain(1_500));
        assertEquals("12.25", FailureSpikeThresholds.plain(12.25));
        assertEquals("0.5", FailureSpikeThresholds.plain(0.5));
    }

    @Test
    void garbageIsAPoisonMessage() {
        assertThrows(UncheckedIOException.class, () -> EventJson.read("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void tenantEventKeepsTheTokenOutOfToString() {
        var event = TenantUpserted.of("t", "Acme", "secret-token", Instant.EPOCH);
        assertTrue(!event.toString().contains("secret-token"));
    }

    @Test
    void alertsSurviveTheWireWithTheirIdentity() {
        var raised = AlertRaised.of("t1", "example.com", AlertRaised.RULE_FAILURE_SPIKE, "", "2026-11-28",
                AlertRaised.CRITICAL, Instant.parse("2026-11-29T06:00:00Z"), "Failures spiked",
                "240 of 1,200 sessions failed", List.of(new AlertRaised.Evidence("Failed sessions", "240")),
                "Check the MX certificates.");
        assertEquals("t1/example.com/failure-spike//2026-11-28", raised.alertId());
        assertEquals(raised, EventJson.read(EventJson.write(raised)));
        assertEquals("t1/example.com", raised.key());

        var resolved = AlertResolved.of("t1", "example.com", raised.alertId(), raised.rule(), "",
                Instant.parse("2026-11-30T06:00:00Z"), "Recovered", "The policy is reachable again.");
        String text = new String(EventJson.write(resolved), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"type\":\"alert.resolved\""), text);
        assertEquals(resolved, EventJson.read(EventJson.write(resolved)));
    }

    @Test
    void publicChecksSurviveTheWireWithoutATenant() {
        var request = PublicCheckRequested.of("c1", "example.com", Instant.parse("2026-11-29T06:00:00Z"), List.of("s1"));
        String text = new String(EventJson.write(request), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"type\":\"public-check.requested\"") && !text.contains("tenantId"), text);
        assertEquals(request, EventJson.read(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals("example.com", request.key());

        var result = PublicCheckCompleted.of("c1", "example.com", Instant.parse("2026-11-29T06:00:01Z"), 900,
                List.of(new DomainChecked.Component("spf", "error",
                        List.of(new DomainChecked.Finding("SPF_PASS_ALL", "error", "+all lets anyone send", "v=spf1 -all")))));
        assertEquals(result, EventJson.read(EventJson.write(result)));
    }

    @Test
    void onlyCriticalIsWorseThanWarning() {
        assertTrue(AlertRaised.isWorse(AlertRaised.CRITICAL, AlertRaised.WARNING));
        assertTrue(!AlertRaised.isWorse(AlertRaised.WARNING, AlertRaised.CRITICAL));
        assertTrue(!AlertRaised.isWorse(AlertRaised.CRITICAL, AlertRaised.CRITICAL));
    }
}
