package io.phishfence.ingest.http;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.events.DomainUpserted;
import io.phishfence.events.Event;
import io.phishfence.events.EventJson;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.TenantUpserted;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.Topics;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.TlsResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTPS rua endpoint against a real Kafka broker: the test plays web-app's part on the tenant topics. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.ingest.dns.server"))
@QuarkusTestResource(value = TlsResource.class, initArgs = @ResourceArg(name = "name", value = "ingest"))
class TlsRptResourceTest {

    static final String TENANT = "tenant-" + UUID.randomUUID();
    static final String TOKEN = "tok" + UUID.randomUUID().toString().replace("-", "");
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

    private static boolean registered;

    @BeforeEach
    void registerTenantAndDomainOnce() {
        if (registered) {
            return;
        }
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.TENANTS, TENANT,
                    TenantUpserted.of(TENANT, "Acme", TOKEN, Instant.now())));
            var domain = DomainUpserted.of(TENANT, "example.com", Instant.now());
            producer.send(new ProducerRecord<>(Topics.DOMAINS, domain.key(), domain));
        }
        // The directory reads the topics asynchronously: wait until it knows the tenant's domain.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> given()
                .contentType("application/tlsrpt+json").body(report("probe", "elsewhere.example"))
                .post("/tlsrpt/" + TOKEN).statusCode() == 422);
        registered = true;
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

        given().contentType("application/tlsrpt+gzip").body(body).post("/tlsrpt/" + TOKEN)
                .then().statusCode(201);

        TlsReportReceived event = published(id);
        assertEquals(TENANT, event.tenantId());
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
                .post("/tlsrpt/" + TOKEN).then().statusCode(201);
        assertEquals(id, published(id).report().reportId());
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
                .post("/tlsrpt/" + TOKEN).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("title", equalTo("Invalid report"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void invalidReportGets400NamingTheField() {
        given().contentType("application/tlsrpt+json").body(report("neg", "example.com").replace("\"failed-session-count\": 2", "\"failed-session-count\": -2"))
                .post("/tlsrpt/" + TOKEN).then().statusCode(400)
                .body("errors.field", hasItem("/policies/0/failure-details/0/failed-session-count"));
    }

    @Test
    void otherMediaTypesGet415() {
        given().contentType("text/plain").body(report("x", "example.com"))
                .post("/tlsrpt/" + TOKEN).then().statusCode(415);
    }

    @Test
    void gzipBombGets413WithoutInflatingIt() throws IOException {
        byte[] bomb = gzip(new byte[60 * 1024 * 1024]);
        given().contentType("application/tlsrpt+gzip").body(bomb)
                .post("/tlsrpt/" + TOKEN).then().statusCode(413);
    }

    @Test
    void reportForADomainOfNoTenantOfThisTokenGets422() {
        given().contentType("application/tlsrpt+json").body(report("x", "not-mine.example"))
                .post("/tlsrpt/" + TOKEN).then().statusCode(422)
                .body("detail", containsString("not-mine.example"));
    }

    @Test
    void readinessIncludesKafkaAndTheTenantDirectory() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("tenant-directory"));
    }

    private static TlsReportReceived published(String reportId) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.TLSRPT_REPORTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var event = (TlsReportReceived) EventJson.read(record.value());
                    if (event.report().reportId().equals(reportId)) {
                        assertEquals(TENANT + "/example.com", record.key());
                        return event;
                    }
                }
            }
        }
        throw new AssertionError("report " + reportId + " was not published");
    }
}
