package io.phishfence.ingest.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.events.TlsReportReceived;
import io.phishfence.ingest.Fixtures;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.TlsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTPS rua endpoint against a real Kafka broker: the test plays web-app's part on the tenant topics. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.ingest.dns.server"))
@QuarkusTestResource(value = TlsResource.class, initArgs = @ResourceArg(name = "name", value = "ingest"))
class TlsRptResourceTest {

    static final String REPORT = """
            {"organization-name": "Company-X",
             "date-range": {"start-datetime": "2026-04-01T00:00:00Z", "end-datetime": "2026-04-01T23:59:59Z"},
             "contact-info": "sts-reporting@company-x.example",
             "report-id": "%s",
             "policies": [{"policy": {"policy-type": "sts", "policy-string": ["version: STSv1", "mode: enforce"],
                                      "policy-domain": "%s", "mx-host": "mx.%2$s"},
                           "summary": {"total-successful-session-count": 50, "total-failure-session-count": 2},
                           "failure-details": [{"result-type": "certificate-expired", "failed-session-count": 2}]}]}
            """;

    static Fixtures.Tenant tenant;

    @Inject
    TenantDirectory directory;

    @BeforeEach
    void tenantWithDomain() {
        if (tenant == null) {
            tenant = Fixtures.tenantWith(directory, "example.com");
        }
    }

    static String report(String id, String domain) {
        return REPORT.formatted(id, domain);
    }

    static byte[] gzip(byte[] data) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void acceptsAGzipReportAndPublishesItWithTheRawBytes() throws IOException {
        String id = "gz-" + UUID.randomUUID();
        byte[] body = gzip(report(id, "Example.COM").getBytes(StandardCharsets.UTF_8));

        given().contentType("application/tlsrpt+gzip").body(body).post("/tlsrpt/" + tenant.token())
                .then().statusCode(201);

        TlsReportReceived event = Fixtures.published(id);
        assertEquals(tenant.id(), event.tenantId());
        assertEquals("example.com", event.policyDomain());
        assertEquals(TlsReportReceived.CHANNEL_HTTPS, event.channel());
        assertEquals(50, event.report().totalSuccessfulSessions());
        assertEquals(2, event.report().totalFailedSessions());
        assertArrayEquals(body, event.raw());
    }

    @Test
    void detectsGzipByItsMagicBytesWhateverTheDeclaredType() throws IOException {
        String id = "magic-" + UUID.randomUUID();
        given().contentType("application/json").body(gzip(report(id, "example.com").getBytes(StandardCharsets.UTF_8)))
                .post("/tlsrpt/" + tenant.token()).then().statusCode(201);
        assertEquals(id, Fixtures.published(id).report().reportId());
    }

    @Test
    void unknownTokenGets404() {
        given().contentType("application/tlsrpt+json").body(report("x", "example.com"))
                .post("/tlsrpt/nosuchtoken").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void malformedJsonGets400WithAReason() {
        given().contentType("application/tlsrpt+json").body("{\"organization-name\": ")
                .post("/tlsrpt/" + tenant.token()).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("title", equalTo("Invalid report"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void invalidReportGets400NamingTheField() {
        given().contentType("application/tlsrpt+json").body(report("neg", "example.com").replace("\"failed-session-count\": 2", "\"failed-session-count\": -2"))
                .post("/tlsrpt/" + tenant.token()).then().statusCode(400)
                .body("errors.field", hasItem("/policies/0/failure-details/0/failed-session-count"));
    }

    @Test
    void otherMediaTypesGet415() {
        given().contentType("text/plain").body(report("x", "example.com"))
                .post("/tlsrpt/" + tenant.token()).then().statusCode(415);
    }

    @Test
    void gzipBombGets413WithoutInflatingIt() throws IOException {
        byte[] bomb = gzip(new byte[60 * 1024 * 1024]);
        given().contentType("application/tlsrpt+gzip").body(bomb)
                .post("/tlsrpt/" + tenant.token()).then().statusCode(413);
    }

    @Test
    void reportForADomainOfNoTenantOfThisTokenGets422() {
        given().contentType("application/tlsrpt+json").body(report("x", "not-mine.example"))
                .post("/tlsrpt/" + tenant.token()).then().statusCode(422)
                .body("detail", containsString("not-mine.example"));
    }

    @Test
    void readinessIncludesKafkaAndTheTenantDirectory() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("tenant-directory"));
    }
}
