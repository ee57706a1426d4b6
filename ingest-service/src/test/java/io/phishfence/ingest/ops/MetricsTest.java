package io.phishfence.ingest.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.ingest.Fixtures;
import io.phishfence.ingest.smtp.SmtpListener;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PrometheusScrape;
import io.phishfence.testing.SmtpTestClient;
import io.phishfence.testing.TlsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an operator reads at /q/metrics after real reports came in by HTTPS and by e-mail. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.ingest.dns.server"))
@QuarkusTestResource(value = TlsResource.class, initArgs = @ResourceArg(name = "name", value = "ingest"))
class MetricsTest {

    static final String REPORTS = "phishfence_ingest_reports_total";

    @Inject
    TenantDirectory directory;

    @Inject
    SmtpListener smtp;

    static String report(String domain) {
        return """
                {"organization-name": "Metrics Org", "report-id": "%s",
                 "date-range": {"start-datetime": "2026-11-01T00:00:00Z", "end-datetime": "2026-11-01T23:59:59Z"},
                 "policies": [{"policy": {"policy-type": "sts", "policy-domain": "%s"},
                               "summary": {"total-successful-session-count": 3, "total-failure-session-count": 0}}]}
                """.formatted(UUID.randomUUID(), domain);
    }

    static String scrapeText() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static PrometheusScrape scrape() {
        return new PrometheusScrape(scrapeText());
    }

    static int post(String token, String body) {
        return given().contentType("application/tlsrpt+json").body(body).post("/tlsrpt/" + token).statusCode();
    }

    @Test
    void countsReportsByChannelAndOutcomeWithTheirSizeAndPublishLatency() throws Exception {
        var tenant = Fixtures.tenantWith(directory, "metrics.example");
        var before = scrape();

        String accepted = report("metrics.example");
        String foreign = report("not-theirs.example");
        String invalid = "{\"organization-name\": \"Metrics Org\"}";
        assertEquals(201, post(tenant.token(), accepted));
        assertEquals(422, post(tenant.token(), foreign));
        assertEquals(400, post(tenant.token(), invalid));
        assertEquals(404, post("tok-nobody-has", accepted));
        String mail = "From: r@metrics-sender.example\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: application/tlsrpt+json\r\n\r\n" + report("metrics.example").replace("\n", "\r\n");
        try (var client = new SmtpTestClient("127.0.0.1", smtp.port())) {
            client.ehlo("metrics-sender.example");
            assertEquals(250, client.send("r@metrics-sender.example", mail.getBytes(StandardCharsets.UTF_8),
                    tenant.token() + "@reports.phishfence.localhost").code());
        }

        var after = scrape();
        assertEquals(1, delta(before, after, REPORTS, "channel", "https", "outcome", "accepted"));
        assertEquals(1, delta(before, after, REPORTS, "channel", "https", "outcome", "foreign_domain"));
        assertEquals(1, delta(before, after, REPORTS, "channel", "https", "outcome", "invalid"));
        assertEquals(1, delta(before, after, REPORTS, "channel", "https", "outcome", "unknown_address"));
        assertEquals(0, delta(before, after, REPORTS, "channel", "https", "outcome", "kafka_unavailable"));
        assertEquals(1, delta(before, after, REPORTS, "channel", "smtp", "outcome", "accepted"));
        assertFalse(scrapeText().contains(tenant.token()), "no rua token in any metric label");
        assertEquals(accepted.length() + foreign.length() + invalid.length(),
                delta(before, after, "phishfence_ingest_report_size_bytes_sum", "channel", "https"));
        assertEquals(2, delta(before, after, "phishfence_ingest_kafka_publish_seconds_count", "result", "acknowledged"));
        assertTrue(after.sum("kafka_consumer_fetch_manager_records_lag_max", "client_id", "tenant-directory").isPresent(),
                "the tenant directory's consumer lag is published");
        assertTrue(after.value("kafka_producer_record_send_total", "client_id", "report-publisher") >= 2,
                "the report producer's own metrics are published");
    }

    static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
